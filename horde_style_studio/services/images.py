"""Downloading example images so they can be checked before the AI Horde is told about them.

Qt-free: this module only fetches bytes. Decoding (and the pixel cap) happens in the UI layer with Qt's image
reader, off the UI thread. The fetcher has its own ``httpx.AsyncClient``, separate from the Horde session's,
so no Horde header ever travels to an image host.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from horde_style_studio import APP_ID, version
from horde_style_studio.domain.addresses import is_internal_address, is_loopback_host
from horde_style_studio.domain.validation import validate_example_url
from horde_style_studio.services.image_checks import (
    FetchedImage,
    ImageCheckError,
    ImageProblem,
    MiB,
    human_bytes,
    sniff_raster,
)

DEFAULT_MAX_BYTES = 10 * MiB
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
NOT_AN_ADDRESS = "The example link is not a valid web address."
Resolver = Callable[[str, int], Awaitable[list[str]]]
"""The IP addresses a host name resolves to (the fetcher refuses a name that leads into a private network)."""


@dataclass(frozen=True)
class FetchPolicy:
    """What the fetcher accepts.

    ``http_origins`` lists the only origins (``scheme://host[:port]``) allowed over plain http: the sandbox
    Horde serves its demo images from its own loopback origin and has no TLS (REFERENCE §2.7 only allows
    https, and the sandbox's own origin is its single exception).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    http_origins: frozenset[str] = field(default_factory=frozenset)
    timeout: float = 20.0
    max_redirects: int = 5
    # The whole download, however slowly the bytes come: httpx's timeouts are per read, so a host sending
    # a byte a second would otherwise hold its slot for as long as it likes.
    deadline: float = 60.0
    # Downloads at once, in all and from one host: a slow host can only ever hold its own share.
    parallel: int = 4
    per_host: int = 2
    # Servers (``host:port``) that may be on this machine or a private network: the configured Horde's
    # (the sandbox serves its example images from loopback). Every other link into such an address, even
    # another port of the same machine, is refused.
    trusted_hosts: frozenset[str] = field(default_factory=frozenset)

    def trusts(self, url: str) -> bool:
        """Whether ``url`` goes to the configured Horde's own server (or an allowed http origin's)."""
        return endpoint_of(url) in {*self.trusted_hosts, *(endpoint_of(o) for o in self.http_origins)}

    def address_refusal(self, url: str, addresses: list[str] | None = None) -> str | None:
        """Why ``url``'s host (resolved to ``addresses``, when known) may not be fetched from, or None."""
        if self.trusts(url):
            return None
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return NOT_AN_ADDRESS
        internal = is_loopback_host(host) or is_internal_address(host)
        internal = internal or any(is_internal_address(address) for address in addresses or ())
        if internal:
            return (
                f"The example link leads to {host}, an address on this computer or a private network; "
                "example images must come from the public internet."
            )
        return None

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched, or None when it may."""
        try:
            if url.startswith("http://") and origin_of(url) in self.http_origins:
                return None
            problem = validate_example_url(url)
            if problem is not None:
                return problem.message
            if not urlsplit(url).hostname:
                return "The example link has no host name after https://."
        except ValueError:  # urlsplit refuses e.g. an unclosed IPv6 bracket
            return NOT_AN_ADDRESS
        return None


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower-cased, as the sandbox compares origins."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.netloc}".lower()


def loopback_http_origin(base_url: str) -> str | None:
    """The origin of ``base_url`` when it is plain http on this machine (a sandbox Horde), else None."""
    try:
        parts = urlsplit(base_url)
    except ValueError:
        return None
    if parts.scheme == "http" and parts.hostname in _LOOPBACK_HOSTS:
        return origin_of(base_url)
    return None


def image_http_origins(horde_url: str, *, sandbox: bool, image_hosts: Iterable[str] = ()) -> frozenset[str]:
    """Where plain-http example images may come from: the sandbox Horde's own origin (it has no TLS) and,
    in ``--sandbox`` mode only, each configured image host's when that is on this machine.

    In ``--sandbox`` mode the Horde's origin counts wherever it runs; otherwise only a Horde on this machine
    over http (a sandbox started with ``horde-styles sandbox``) lends its origin. A sandbox user publishes
    made examples to a folder or bucket on loopback, which has no TLS either; the real Horde takes https
    links only (REFERENCE §2.7), so outside the sandbox such a host lends nothing. ``image_hosts``: the public
    URL of every host configured in the session, not only the current one's, so that examples made on a host
    before the user switched to another still load.
    """
    origins = {origin_of(horde_url) if sandbox else loopback_http_origin(horde_url)}
    if sandbox:
        origins.update(loopback_http_origin(url) for url in image_hosts if url)
    return frozenset(origin for origin in origins if origin)


def endpoint_of(url: str) -> str:
    """``host:port`` of ``url``, lower-cased, with the scheme's default port filled in ("" when none)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return ""
    host = (parts.hostname or "").lower()
    return f"{host}:{port}" if host else ""


def horde_host(base_url: str) -> frozenset[str]:
    """The configured Horde's server (``host:port``), the one private address links may lead to."""
    endpoint = endpoint_of(base_url)
    return frozenset({endpoint} if endpoint else ())


async def resolve_host(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to on this machine (empty when it does not resolve)."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []  # the download itself then fails and says so
    return [str(info[4][0]) for info in infos]


class ImageFetcher:
    """Downloads images within ``policy``; raises :class:`ImageCheckError`.

    At most ``policy.parallel`` downloads run at once and ``policy.per_host`` from one host; each ends by
    ``policy.deadline``. The client is built on first use, in a worker thread (loading the TLS certificates
    blocks), and ``aclose()`` ends it. ``transport`` is injected by tests, and so is ``resolver``: with an
    injected transport no name is looked up unless a resolver is given too.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._transport = transport
        self._resolver = resolver if resolver is not None or transport is not None else resolve_host
        self._client: httpx.AsyncClient | None = None
        self._opening = asyncio.Lock()
        self._closed = False
        self._slots = asyncio.Semaphore(self.policy.parallel)
        self._host_slots: dict[str, asyncio.Semaphore] = {}

    def check_url(self, url: str) -> None:
        """Refuse a link the policy does not allow, before any request."""
        reason = self.policy.refusal(url) or self.policy.address_refusal(url)
        if reason is not None:
            raise ImageCheckError(ImageProblem.URL_REFUSED, reason)

    async def fetch(self, url: str) -> FetchedImage:
        """The image's bytes, after the URL, address, status, Content-Type, size and format checks."""
        self.check_url(url)
        host = (urlsplit(url).hostname or "").lower()
        host_slots = self._host_slots.setdefault(host, asyncio.Semaphore(self.policy.per_host))
        # The host's share first: downloads waiting on a slow host hold none of the shared slots.
        async with host_slots, self._slots:
            try:
                async with asyncio.timeout(self.policy.deadline):
                    return await self._fetch(url)
            except TimeoutError:
                raise ImageCheckError(
                    ImageProblem.UNREACHABLE,
                    f"The link is broken: its server did not send the image within "
                    f"{self.policy.deadline:.0f} seconds.",
                ) from None

    async def _fetch(self, url: str) -> FetchedImage:
        client = await self._open()
        current = url
        try:
            for _ in range(self.policy.max_redirects + 1):
                await self._check_address(current)
                async with client.stream("GET", current) as response:
                    if not response.is_redirect:
                        return await self._read(url, response)
                    current = self._redirect_target(response)
        except httpx.InvalidURL:
            raise ImageCheckError(ImageProblem.URL_REFUSED, NOT_AN_ADDRESS) from None
        except httpx.TimeoutException:
            raise ImageCheckError(
                ImageProblem.UNREACHABLE, "The link is broken: its server did not answer in time."
            ) from None
        except httpx.HTTPError as exc:
            raise ImageCheckError(
                ImageProblem.UNREACHABLE,
                f"The link is broken: its server could not be reached ({_short(exc)}).",
            ) from None
        raise ImageCheckError(ImageProblem.BROKEN, "The link is broken: it redirects too many times.")

    async def _check_address(self, url: str) -> None:
        # Every hop, by name and by the addresses the name resolves to: a public-looking name can lead
        # to 127.0.0.1 or a router's admin page as well as a literal address can.
        reason = self.policy.address_refusal(url)
        if reason is None and self._resolver is not None and not self.policy.trusts(url):
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
            reason = self.policy.address_refusal(url, await self._resolver(parts.hostname or "", port))
        if reason is not None:
            raise ImageCheckError(ImageProblem.URL_REFUSED, reason)

    async def aclose(self) -> None:
        self._closed = True
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

    async def _open(self) -> httpx.AsyncClient:
        async with self._opening:
            if self._closed:
                raise ImageCheckError(ImageProblem.BROKEN, "The image download was stopped.")
            if self._client is None:
                self._client = await asyncio.to_thread(self._build_client)
            return self._client

    def _build_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=self._transport,
            timeout=httpx.Timeout(self.policy.timeout, connect=min(10.0, self.policy.timeout)),
            follow_redirects=False,  # every hop is checked against the policy (no https -> http downgrade)
            headers={"User-Agent": f"{APP_ID}/{version()}", "Accept": "image/*"},
        )

    def _redirect_target(self, response: httpx.Response) -> str:
        location = response.headers.get("location", "")
        target = str(response.url.join(location))
        if not location or self.policy.refusal(target) is not None:
            raise ImageCheckError(
                ImageProblem.BROKEN, "The link is broken: it redirects to an address that is not https://."
            )
        return target

    async def _read(self, url: str, response: httpx.Response) -> FetchedImage:
        if response.status_code >= 400:
            answer = f"{response.status_code} {response.reason_phrase}".strip()
            raise ImageCheckError(ImageProblem.BROKEN, f"The link is broken: its server answered {answer}.")
        content_type = _image_type(response)
        self._check_declared_size(response)
        data = await self._read_capped(response)
        if sniff_raster(data) is None:
            # The Content-Type is the server's word; the first bytes are what a decoder would really get.
            raise ImageCheckError(
                ImageProblem.NOT_IMAGE,
                f"The link is not a picture: its server says {content_type}, but the file is not a PNG, "
                "JPEG, GIF, WebP or BMP image.",
            )
        return FetchedImage(url, data, content_type)

    def _check_declared_size(self, response: httpx.Response) -> None:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise self._too_large(int(declared))

    async def _read_capped(self, response: httpx.Response) -> bytes:
        # Content-Length can be absent or wrong, so the cap is enforced on what actually arrives.
        chunks: list[bytes] = []
        received = 0
        async for chunk in response.aiter_bytes():
            received += len(chunk)
            if received > self.policy.max_bytes:
                raise self._too_large(None)
            chunks.append(chunk)
        if not received:
            raise ImageCheckError(ImageProblem.NOT_IMAGE, "The link is not an image: it is empty.")
        return b"".join(chunks)

    def _too_large(self, size: int | None) -> ImageCheckError:
        limit = human_bytes(self.policy.max_bytes)
        what = f"{human_bytes(size)}, more than" if size is not None else "more than"
        return ImageCheckError(ImageProblem.TOO_LARGE, f"The image is too large ({what} the {limit} limit).")


def _image_type(response: httpx.Response) -> str:
    content_type = str(response.headers.get("content-type", "")).split(";")[0].strip().lower()
    if not content_type.startswith("image/"):
        said = f"says it is {content_type}" if content_type else "does not say what it is"
        raise ImageCheckError(ImageProblem.NOT_IMAGE, f"The link is not an image: its server {said}.")
    if content_type == "image/svg+xml":
        # A drawing with possible scripts, not a picture; front ends expect raster example images.
        raise ImageCheckError(
            ImageProblem.NOT_IMAGE, "The link is an SVG drawing; examples must be pictures (PNG, JPEG…)."
        )
    return content_type


def _short(exc: httpx.HTTPError) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text[:120] or type(exc).__name__


__all__ = [
    "DEFAULT_MAX_BYTES",
    "NOT_AN_ADDRESS",
    "FetchPolicy",
    "FetchedImage",
    "ImageCheckError",
    "ImageFetcher",
    "ImageProblem",
    "MiB",
    "endpoint_of",
    "horde_host",
    "human_bytes",
    "image_http_origins",
    "loopback_http_origin",
    "origin_of",
    "resolve_host",
    "sniff_raster",
]
