"""Shared helpers for the sandbox tests: an in-process client and a few canned payloads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from horde_style_studio.sandbox import CUSTOMIZER_KEY, MODERATOR_KEY, TRUSTED_KEY, USER_KEY, SandboxApp
from horde_style_studio.sandbox.store import Style

BASE_URL = "http://sandbox.test/api"
CURATOR = {"apikey": CUSTOMIZER_KEY}
PLAIN = {"apikey": USER_KEY}
MOD = {"apikey": MODERATOR_KEY}
TRUSTED = {"apikey": TRUSTED_KEY}
ANON = {"apikey": "0000000000"}


@asynccontextmanager
async def connect(app: SandboxApp) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url=BASE_URL) as client:
        yield client


def image_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "name": "Test Harbour Fog",
        "info": "A foggy harbour look for tests.",
        "prompt": "{p}, harbour fog, muted###{np}, neon",
        "params": {"steps": 30, "width": 768, "height": 768},
        "tags": ["fog", "harbour"],
        "models": ["Deliberate"],
    }
    payload.update(overrides)
    return payload


def text_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "name": "Test Lighthouse Keeper",
        "info": "A lonely lighthouse keeper persona.",
        "prompt": "You are a lighthouse keeper.\n{p}",
        "params": {"temperature": 0.8, "max_length": 200, "max_context_length": 4096},
        "models": ["koboldcpp/Tiefighter-13B"],
    }
    payload.update(overrides)
    return payload


def rc_of(response: httpx.Response) -> tuple[int, str | None]:
    body = response.json()
    return response.status_code, body.get("rc") if isinstance(body, dict) else None


def seeded(app: SandboxApp, name: str) -> Style:
    return next(s for s in app.state_store.styles.values() if s.name == name)
