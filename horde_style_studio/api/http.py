"""The request engine under every endpoint: headers, timeouts, retries, error mapping, in-flight tracking.

It knows HTTP and the Horde's error bodies (§1) but nothing about styles.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Any

import httpx

from horde_style_studio.api.agent import ApiKey, client_agent
from horde_style_studio.api.budgets import RateBudgets
from horde_style_studio.api.errors import (
    HordeAPIError,
    HordeConnectionError,
    HordeError,
    HordeProtocolError,
    HordeTimeoutError,
    RateLimitedError,
    SessionClosedError,
    UnauthorizedError,
    api_error_class,
    clean_field_errors,
    scrub,
)
from horde_style_studio.api.retry import RetryPolicy, parse_retry_after
from horde_style_studio.domain import json_text

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
DEADLINE_FACTOR = 3
# The largest answer read: a full page of 25 styles at the server's limits is well under one megabyte (§2.2),
# so this leaves room for a ten-megabyte field to be refused by name while a bigger body is refused whole.
MAX_BODY_BYTES = 16 * 1024 * 1024
Params = Mapping[str, str | int | float | None]
# httpcore imports anyio's asyncio backend on its first connection: tens of milliseconds of module code that
# would run on the window's thread in the middle of the first request (issue 18). It is imported on a thread
# before the first request (the app's import thread has done so already; the command line's has not); once
# that is done, or it was found missing, no later request looks again.
CONNECTING_MODULE = "anyio._backends._asyncio"
_connecting_module_ready = False


class RequestEngine:
    """Sends requests through one ``httpx.AsyncClient`` it does not own.

    Each request runs as a tracked child task so that :meth:`cancel_in_flight` can stop them all when the
    owning session closes; ``on_in_flight_changed`` lets a UI show a busy count.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        api_key: str | None = None,
        contact: str | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._http = http
        self._key: ApiKey | None = ApiKey(api_key) if api_key else None
        self._agent = client_agent(contact)
        self._timeout = httpx.Timeout(timeout, connect=min(10.0, timeout))
        # httpx's timeouts are per phase and per read: a server sending a byte at a time never trips them.
        # The whole request, body included, ends by this deadline.
        self._deadline = DEADLINE_FACTOR * timeout
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._tasks: set[asyncio.Task[httpx.Response]] = set()
        self._closing = False
        # The budgets' resets are the server's epoch seconds (§12): tests with a fake server clock inject it.
        self.budgets = RateBudgets(clock)
        self.on_in_flight_changed: Callable[[int], None] | None = None

    # -- configuration ---------------------------------------------------------------------------------------
    @property
    def api_key(self) -> str | None:
        return self._key.reveal() if self._key else None

    @api_key.setter
    def api_key(self, value: str | None) -> None:
        self._key = ApiKey(value) if value and value.strip() else None

    @property
    def has_api_key(self) -> bool:
        return self._key is not None

    @property
    def client_agent(self) -> str:
        return self._agent

    def set_contact(self, contact: str | None) -> None:
        self._agent = client_agent(contact)

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    @property
    def http(self) -> httpx.AsyncClient:
        return self._http

    def _secrets(self) -> tuple[str, ...]:
        return (self._key.reveal(),) if self._key else ()

    # -- sending ---------------------------------------------------------------------------------------------
    async def request_json(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json_body: Any = None,
        auth: bool = False,
        api_key: str | None = None,
    ) -> Any:
        """Send, retrying reads per the policy, and return the decoded JSON body of a 2xx answer.

        ``api_key`` overrides the session's key for this one request (checking a key before adopting it).
        """
        decode = await self.request_answer(
            method, path, params=params, json_body=json_body, auth=auth, api_key=api_key
        )
        return decode()

    async def request_answer(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json_body: Any = None,
        auth: bool = False,
        api_key: str | None = None,
    ) -> Callable[[], Any]:
        """As :meth:`request_json`, but the body is decoded only when the returned function is called, on
        any thread: a page of 25 styles takes milliseconds of CPU to decode, which a caller on the window's
        thread can spend on a worker instead. Decoding raises :class:`HordeProtocolError` for a body that
        is not JSON."""
        key = ApiKey(api_key) if api_key else self._key
        attempt = 1
        while True:
            try:
                response = await self._send_tracked(method, path, params, json_body, auth, key)
                return partial(self._decode_success, response)
            except (HordeAPIError, HordeConnectionError, HordeTimeoutError) as err:
                delay = self._retry_delay(method, attempt, err)
                if delay is None:
                    raise
                log.info("retrying %s %s in %.1fs after %s", method, path, delay, type(err).__name__)
                await self._sleep(delay)
                attempt += 1

    def _retry_delay(self, method: str, attempt: int, err: HordeError) -> float | None:
        if isinstance(err, RateLimitedError):
            if not self._retry.may_retry_rate_limited(attempt):
                return None
            return self._retry.wait_for_rate_limit(err.retry_after, attempt)
        if not self._retry.may_retry(method, attempt):
            return None
        if isinstance(err, HordeAPIError) and (err.status or 0) < 500:
            return None
        return self._retry.backoff(attempt)

    async def _send_tracked(
        self, method: str, path: str, params: Params | None, json_body: Any, auth: bool, key: ApiKey | None
    ) -> httpx.Response:
        if self._closing:
            raise SessionClosedError()
        if auth and key is None:
            # Without a key the server answers 400 errors.apikey (§12); say what to do instead.
            raise UnauthorizedError("Sign in with your AI Horde API key first.", status=None)
        self.budgets.check(method, path)
        task = asyncio.ensure_future(self._send(method, path, params, json_body, key))
        self._tasks.add(task)
        self._notify()
        try:
            return await task
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if self._closing and current is not None and not current.cancelling():
                raise SessionClosedError() from None
            raise
        finally:
            self._tasks.discard(task)
            self._notify()

    def _notify(self) -> None:
        if self.on_in_flight_changed is not None:
            self.on_in_flight_changed(len(self._tasks))

    def _headers(self, has_body: bool, key: ApiKey | None) -> dict[str, str]:
        headers = {"Client-Agent": self._agent, "Accept": "application/json"}
        if has_body:
            headers["Content-Type"] = "application/json"
        if key is not None:
            # The key goes on reads too: users/{id} shows private styles with it, and 5.1.13 returns
            # shared_key only to the owner's key (§10).
            headers["apikey"] = key.reveal()
        return headers

    async def _send(
        self, method: str, path: str, params: Params | None, json_body: Any, key: ApiKey | None
    ) -> httpx.Response:
        query = {k: v for k, v in (params or {}).items() if v is not None}
        content = None if json_body is None else json.dumps(json_body).encode()
        if not _connecting_module_ready:
            await _import_connecting_module()
        started = time.monotonic()
        try:
            async with asyncio.timeout(self._deadline):
                request = self._http.build_request(
                    method,
                    path,
                    params=query,
                    content=content,
                    headers=self._headers(content is not None, key),
                    timeout=self._timeout,
                )
                response = await self._http.send(request, stream=True)
                try:
                    await _read_capped(response, MAX_BODY_BYTES)
                finally:
                    await response.aclose()
        except (httpx.TimeoutException, TimeoutError):
            log.warning("%s %s timed out", method, path)
            raise HordeTimeoutError() from None
        except (httpx.TransportError, OSError) as err:
            log.warning("%s %s failed: %s", method, path, type(err).__name__)
            raise HordeConnectionError() from None
        except httpx.HTTPError:
            raise HordeProtocolError() from None
        log.debug(
            "%s %s -> %s in %.0f ms", method, path, response.status_code, 1000 * (time.monotonic() - started)
        )
        self.budgets.note(method, path, response.headers, response.status_code)
        if response.status_code >= 400:
            raise self._error_from(response, key)
        return response

    # -- reading answers -------------------------------------------------------------------------------------
    def _decode_success(self, response: httpx.Response) -> Any:
        if not response.content:
            return None
        try:
            return json_text.loads(response.content)
        except json_text.JsonTextError as err:
            raise HordeProtocolError(
                f"The AI Horde answered {response.request.method} {response.request.url.path} "
                f"with a body that is not valid JSON: {err}.",
                status=response.status_code,
            ) from None

    def _error_from(self, response: httpx.Response, key: ApiKey | None) -> HordeAPIError:
        secrets = self._secrets() + ((key.reveal(),) if key is not None else ())
        body = _json_or_none(response)
        message, rc, field_errors = _error_parts(body, secrets)
        cls = api_error_class(response.status_code, rc, bool(field_errors))
        if not message:
            message = cls.default_message
        extra: dict[str, Any] = {}
        if cls is RateLimitedError:
            extra["retry_after"] = parse_retry_after(response.headers.get("Retry-After"))
        log.info(
            "%s %s -> %s rc=%s", response.request.method, response.request.url.path, response.status_code, rc
        )
        return cls(message, status=response.status_code, rc=rc, field_errors=field_errors, **extra)

    def scrub(self, text: str) -> str:
        return scrub(text, self._secrets())

    # -- closing ---------------------------------------------------------------------------------------------
    async def cancel_in_flight(self) -> None:
        """Refuse new requests, cancel the ones under way and wait until they have stopped."""
        self._closing = True
        pending = list(self._tasks)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)


async def _import_connecting_module() -> None:
    global _connecting_module_ready  # one flag for the process, as sys.modules is one
    if CONNECTING_MODULE not in sys.modules:
        await asyncio.to_thread(_import_quietly, CONNECTING_MODULE)
    _connecting_module_ready = True


def _import_quietly(name: str) -> None:
    """Import ``name`` ahead of the library that needs it; if it moved, that library imports what it uses."""
    try:
        importlib.import_module(name)
    except ImportError:
        log.debug("%s could not be imported ahead of use", name)


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return json_text.loads(response.content)
    except json_text.JsonTextError:
        return None


async def _read_capped(response: httpx.Response, limit: int) -> None:
    """Read the body into ``response.content``, refusing one larger than ``limit`` (after decompression,
    so a gzip bomb is caught too) as soon as it grows past it."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(response, limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            raise _too_large(response, limit)
        chunks.append(chunk)
    response._content = b"".join(chunks)  # what Response.aread() sets; httpx has no public setter


def _too_large(response: httpx.Response, limit: int) -> HordeProtocolError:
    return HordeProtocolError(
        f"The AI Horde answered {response.request.method} {response.request.url.path} with more than "
        f"{limit // (1024 * 1024)} MB; the answer was refused.",
        status=response.status_code,
    )


def _error_parts(body: Any, secrets: tuple[str, ...]) -> tuple[str, str | None, dict[str, str]]:
    if not isinstance(body, Mapping):
        return "", None, {}
    raw_message = body.get("message")
    message = scrub(str(raw_message), secrets) if raw_message else ""
    raw_rc = body.get("rc")
    rc = str(raw_rc) if isinstance(raw_rc, str) and raw_rc else None
    return message, rc, clean_field_errors(body.get("errors"), secrets)
