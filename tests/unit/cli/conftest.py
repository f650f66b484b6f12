"""Run ``horde-styles`` in-process against the sandbox Horde through ``httpx.ASGITransport``."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from horde_style_studio.api import HordeClientSession
from horde_style_studio.api.retry import NO_RETRY, RetryPolicy
from horde_style_studio.cli.main import run
from horde_style_studio.sandbox.app import create_app
from horde_style_studio.sandbox.constants import Behaviour
from horde_style_studio.sandbox.users import CUSTOMIZER_KEY

SANDBOX_URL = "http://sandbox.localhost/api"


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Cli:
    """Calls ``run([...])`` with a session over one sandbox app, so state persists between calls."""

    app: Any
    capsys: pytest.CaptureFixture[str]
    tmp_path: Path
    keyring: dict[str, str] = field(default_factory=dict)
    sessions: list[HordeClientSession] = field(default_factory=list)
    retry: RetryPolicy = NO_RETRY

    def __call__(self, *argv: str, key: str | None = CUSTOMIZER_KEY) -> Outcome:
        environ = {"HORDE_API_KEY": key} if key else {}
        self.capsys.readouterr()
        code = run(
            ["--base-url", SANDBOX_URL, *argv],
            session_factory=self.make_session,
            environ=environ,
            key_lookup=self.keyring.get,
        )
        captured = self.capsys.readouterr()
        # One session per command at most, and it is closed however the command ended.
        assert len(self.sessions) <= 1
        assert all(session.closed for session in self.sessions)
        self.sessions.clear()
        return Outcome(code, captured.out, captured.err)

    def make_session(self, base_url: str, *, api_key: str | None, contact: str | None) -> HordeClientSession:
        session = HordeClientSession(
            base_url, api_key=api_key, contact=contact, transport=httpx.ASGITransport(app=self.app),
            retry=self.retry,
        )
        self.sessions.append(session)
        return session

    def file(self, data: object, name: str = "doc.json") -> str:
        path = self.tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        return str(path)


@pytest.fixture(params=["modern", "v5_1_5"])
def behaviour(request: pytest.FixtureRequest) -> Behaviour:
    chosen: Behaviour = request.param
    return chosen


@pytest.fixture
def cli(behaviour: Behaviour, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    return Cli(create_app(behaviour), capsys, tmp_path)


ImageDoc = Callable[..., dict[str, Any]]


def image_style(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "CLI impasto test",
        "info": "Thick impasto oil painting, made by the CLI tests",
        "prompt": "{p}, impasto oil painting###blurry, {np}",
        "models": ["AlbedoBase XL (SDXL)"],
        "tags": ["painting", "cli-test"],
        "public": True,
        "params": {"width": 1024, "height": 768, "steps": 28, "sampler_name": "k_euler_a"},
    }
    return {**base, **changes}


def text_style(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "CLI terse butler test",
        "info": "Answers like a very terse butler, made by the CLI tests",
        "prompt": "You are a terse butler. {p}",
        "models": ["koboldcpp/Fimbulvetr-11B-v2"],
        "tags": ["roleplay"],
        "params": {"temperature": 0.7, "top_k": 40},
    }
    return {**base, **changes}
