"""``create_app``: the sandbox Horde as one ASGI app, with faults, request log and optional rate limits."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from . import fault_play
from .cache import ResponseCache
from .constants import GENERIC_404, GENERIC_405, SERVER_VERSION, Behaviour
from .errors import (
    HordeError,
    PayloadValidationError,
    PlainHttpError,
    ServerCrashError,
    json_error,
    render_error,
)
from .faults import FaultPlan, RecordedRequest
from .generation import GenerationDesk
from .persist import load_store, save_store
from .ratelimit import RateLimiter
from .routes import build_routes
from .seed import seed_store
from .store import SandboxStore
from .wire import Sandbox
from .workers import WorkerSettings


async def _handle_error(request: Request, exc: Exception) -> Response:
    sandbox: Sandbox = request.app.state.sandbox
    response = render_error(exc, sandbox.behaviour)
    if response is None:
        raise exc
    return response


async def _handle_http(request: Request, exc: Exception) -> Response:
    # flask-restx answers unknown URLs and methods with a JSON message, not plain text.
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return json_error(status, {"message": GENERIC_405 if status == 405 else GENERIC_404})


def _build_starlette(sandbox: Sandbox, desk: GenerationDesk) -> Starlette:
    errors = (HordeError, PayloadValidationError, PlainHttpError, ServerCrashError)
    handlers = dict.fromkeys(errors, _handle_error)
    app = Starlette(
        routes=build_routes(sandbox.behaviour),
        exception_handlers={**handlers, 404: _handle_http, 405: _handle_http},
    )
    app.state.sandbox = sandbox
    app.state.desk = desk
    return app


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class SandboxApp:
    """The ASGI app a client talks to: owns the store (``state_store``), ``faults`` and the request log."""

    def __init__(
        self,
        behaviour: Behaviour,
        store: SandboxStore,
        faults: FaultPlan,
        limiter: RateLimiter | None,
        state_file: Path | None = None,
        cache: ResponseCache | None = None,
        desk: GenerationDesk | None = None,
        request_log_file: Path | None = None,
    ):
        self.behaviour: Behaviour = behaviour
        self.state_file = state_file
        self.state_store = store
        self.faults = faults
        self.rate_limiter = limiter
        self.response_cache = cache
        self.desk = desk if desk is not None else GenerationDesk()
        self.request_log_file = request_log_file
        self._inner = _build_starlette(Sandbox(store, behaviour), self.desk)
        self._node = f"sandbox:0:{SERVER_VERSION[behaviour]}".encode()

    @property
    def request_log(self) -> list[RecordedRequest]:
        return self.faults.requests

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._inner(scope, receive, send)
            return
        body = await _read_body(receive)
        entry = self.faults.record(scope, body)
        if self.request_log_file is not None:
            _append_log(self.request_log_file, entry)
        replay = _replayer(body)
        for fault in self.faults.take(scope["method"], scope["path"]):
            await fault_play.play(fault, self._inner, scope, replay, send)
            if fault.kind != "latency":
                return
        extra: dict[str, str] = {}
        if self.rate_limiter is not None:
            client = (scope.get("client") or ("local", 0))[0]
            refusal, extra = self.rate_limiter.hit(client, scope["method"], scope["path"])
            if refusal is not None:
                await refusal(scope, replay, send)
                return
        decorated = self._decorate(send, extra)
        if self.response_cache is not None and scope["method"] == "GET":
            query = scope.get("query_string", b"").decode("latin-1")
            cached = self.response_cache.lookup(scope["path"], query)
            if cached is not None:
                await self.response_cache.replay(cached, decorated)
                return
            decorated = self.response_cache.recorder(scope["path"], query, decorated)
        await self._inner(scope, replay, decorated)
        if self.state_file is not None and scope["method"] in {"POST", "PATCH", "DELETE"}:
            save_store(self.state_store, self.state_file)

    def _decorate(self, send: Send, extra: dict[str, str]) -> Send:
        added = [(b"horde-node", self._node), (b"access-control-allow-origin", b"*")]
        added += [(k.lower().encode(), v.encode()) for k, v in extra.items()]

        async def decorated(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *added]}
            await send(message)

        return decorated


def _append_log(path: Path, entry: RecordedRequest) -> None:
    # One JSON line per request, for scripts and tests that run the sandbox in another process; the
    # apikey header is already gone from the entry.
    line = json.dumps({"method": entry.method, "path": entry.path, "query": entry.query})
    with path.open("a", encoding="utf-8") as out:
        out.write(line + "\n")


def _replayer(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def create_app(
    behaviour: Behaviour = "modern",
    *,
    seed: bool = True,
    faults: FaultPlan | None = None,
    rate_limits: bool = False,
    bulk_image_styles: int = 0,
    state_file: Path | None = None,
    response_cache: bool = False,
    workers: WorkerSettings | None = None,
    request_log_file: Path | None = None,
) -> SandboxApp:
    """A fresh sandbox Horde imitating ``behaviour``, seeded with demo data unless ``seed`` is False.

    ``rate_limits`` and ``response_cache`` turn on the real server's limits and 30 s read caches (§1, §12).

    ``bulk_image_styles`` adds that many more public image styles, for load tests and benchmarks.
    ``state_file`` keeps styles and collections across restarts: loaded when it exists, saved after writes.
    ``workers`` sets how the simulated workers queue and run jobs (and their clock); ``request_log_file``
    appends one JSON line per request received.
    """
    store = seed_store(SandboxStore(), bulk_image_styles=bulk_image_styles) if seed else SandboxStore()
    limiter = RateLimiter(behaviour) if rate_limits else None
    if state_file is not None:
        load_store(store, state_file)
    cache = ResponseCache() if response_cache else None
    plan = faults if faults is not None else FaultPlan()
    desk = GenerationDesk(workers) if workers is not None else GenerationDesk()
    return SandboxApp(behaviour, store, plan, limiter, state_file, cache, desk, request_log_file)
