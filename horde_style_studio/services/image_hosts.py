"""Where the app puts example images made by trials, so a style can link them (issue 15).

The AI Horde takes example images only as https links and has no upload (REFERENCE §2.7), and its own result
links expire after 30 minutes (§13), so the app publishes the chosen pictures on a host of the user's:

* an S3-compatible bucket (AWS S3, Cloudflare R2, Backblaze B2, MinIO) through boto3, with the keys in the
  OS keyring like the API key;
* a local folder that something else publishes (git, rsync, GitHub Pages) under a public URL prefix: the app
  writes the file, then waits until the link answers with the same bytes before anyone attaches it.

Qt-free. boto3 blocks, so its calls run in a worker thread.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol
from urllib.parse import quote, urlsplit

from horde_style_studio.services.images import (
    FetchPolicy,
    ImageCheckError,
    ImageFetcher,
    ImageProblem,
    loopback_http_origin,
)
from horde_style_studio.services.secrets import SecretStore
from horde_style_studio.services.settings import ImageHostSettings

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

S3_ACCESS_KEY_ENTRY: Final = "image-host::s3::access-key-id"
S3_SECRET_KEY_ENTRY: Final = "image-host::s3::secret-access-key"
"""Keyring entries of the S3 keys, beside the profiles' API keys (a profile name cannot hold '::s3::'...
in practice; the prefix keeps them apart from any name a user would type)."""

CONTENT_TYPES: Final = {"png": "image/png", "webp": "image/webp", "jpg": "image/jpeg"}


class ImageHostError(Exception):
    """Publishing failed; ``str(err)`` is a sentence for the user, free of keys and signatures."""


class ImageHost(Protocol):
    """Puts bytes somewhere public and says under which link."""

    @property
    def public_base(self) -> str: ...

    async def put(self, name: str, data: bytes, content_type: str) -> str:
        """Store ``data`` as ``name``; returns its public link."""
        ...


def public_link(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + quote(name)


def object_name(data: bytes, extension: str, prefix: str = "horde-style-studio") -> str:
    """A name from the content: uploading the same picture twice gives the same link, nothing is overwritten
    with something else, and nothing about the user's machine is in it."""
    return f"{prefix}/{hashlib.sha256(data).hexdigest()[:32]}.{extension}"


@dataclass(frozen=True)
class S3Keys:
    access_key_id: str
    secret_access_key: str

    def __repr__(self) -> str:
        return "S3Keys(<hidden>)"


def load_s3_keys(secrets: SecretStore) -> S3Keys | None:
    access, secret = secrets.get(S3_ACCESS_KEY_ENTRY), secrets.get(S3_SECRET_KEY_ENTRY)
    return S3Keys(access, secret) if access and secret else None


def store_s3_keys(secrets: SecretStore, keys: S3Keys | None) -> None:
    if keys is None:
        secrets.delete(S3_ACCESS_KEY_ENTRY)
        secrets.delete(S3_SECRET_KEY_ENTRY)
        return
    secrets.set(S3_ACCESS_KEY_ENTRY, keys.access_key_id)
    secrets.set(S3_SECRET_KEY_ENTRY, keys.secret_access_key)


class S3Host:
    """An S3-compatible bucket. ``public_base`` is where the bucket's objects can be read without keys
    (an R2 public bucket URL, a CDN, ``https://<bucket>.s3.<region>.amazonaws.com``)."""

    def __init__(self, *, endpoint: str, bucket: str, region: str, public_base: str, keys: S3Keys) -> None:
        if not bucket:
            raise ImageHostError("Set the bucket's name in Trials ▸ Image host and trials.")
        if not public_base:
            raise ImageHostError("Set the bucket's public address in Trials ▸ Image host and trials.")
        self._endpoint = endpoint or None
        self._bucket = bucket
        self._region = region or None
        self._public = public_base
        self._keys = keys
        self._client: Any = None

    def __repr__(self) -> str:
        return f"S3Host(bucket={self._bucket!r}, public_base={self._public!r})"

    @property
    def public_base(self) -> str:
        return self._public

    def _s3(self) -> Any:
        if self._client is None:
            import boto3  # a few hundred ms to import: only when a bucket is really used

            self._client = boto3.client(
                "s3",
                endpoint_url=self._endpoint,
                region_name=self._region,
                aws_access_key_id=self._keys.access_key_id,
                aws_secret_access_key=self._keys.secret_access_key,
            )
        return self._client

    async def put(self, name: str, data: bytes, content_type: str) -> str:
        def upload() -> None:
            self._s3().put_object(Bucket=self._bucket, Key=name, Body=data, ContentType=content_type)

        try:
            await asyncio.to_thread(upload)
        except Exception as err:  # botocore's errors are many; only their kind reaches the user
            raise ImageHostError(_s3_failure(err)) from None
        return public_link(self._public, name)


def _s3_failure(err: Exception) -> str:
    # A ClientError carries the service's code (NoSuchBucket, AccessDenied, ...); its text can carry the
    # request's signature, so only the code is shown.
    response = getattr(err, "response", None)
    code = response.get("Error", {}).get("Code") if isinstance(response, dict) else None
    if code:
        return f"The bucket refused the upload ({code})."
    return f"The bucket could not be reached ({type(err).__name__})."


class FolderHost:
    """A local folder published by something else under ``public_base`` (git push, rsync, GitHub Pages)."""

    def __init__(self, folder: Path, public_base: str) -> None:
        if not str(folder) or not public_base:
            raise ImageHostError("Set the folder and its public address in Trials ▸ Image host and trials.")
        self._folder = folder
        self._public = public_base

    @property
    def public_base(self) -> str:
        return self._public

    async def put(self, name: str, data: bytes, content_type: str) -> str:
        target = (self._folder / name).resolve()
        if self._folder.resolve() not in target.parents:
            raise ImageHostError("That file name would land outside the image folder.")
        try:
            await asyncio.to_thread(_write_atomically, target, data)
        except OSError as err:
            raise ImageHostError(
                f"Could not write into the image folder ({err.strerror or 'error'})."
            ) from None
        return public_link(self._public, name)


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def host_from_settings(settings: ImageHostSettings, secrets: SecretStore) -> ImageHost:
    """The host Settings describe; ImageHostError says what is missing."""
    if settings.kind == "folder":
        return FolderHost(Path(settings.folder).expanduser(), settings.public_url)
    if settings.kind == "s3":
        keys = load_s3_keys(secrets)
        if keys is None:
            raise ImageHostError("Enter the bucket's access keys in Trials ▸ Image host and trials.")
        return S3Host(
            endpoint=settings.endpoint,
            bucket=settings.bucket,
            region=settings.region,
            public_base=settings.public_url,
            keys=keys,
        )
    raise ImageHostError(
        "Set up an image host first (Trials ▸ Image host and trials): an S3 bucket or a published folder."
    )


def link_fetcher(host: ImageHost, *, sandbox: bool) -> ImageFetcher:
    """A fetcher that may read the host's own links: plain http only for a host on this machine, and only
    in sandbox mode (the real Horde takes https links only, REFERENCE §2.7, so such a link would be refused
    after the upload; and links never lead into this machine otherwise)."""
    origin = loopback_http_origin(host.public_base) if sandbox else None
    return ImageFetcher(FetchPolicy(http_origins=frozenset({origin}) if origin else frozenset()))


async def wait_until_served(
    fetcher: ImageFetcher,
    url: str,
    data: bytes,
    *,
    give_up_after: float = 600.0,
    sleep: Sleep = asyncio.sleep,
    clock: Clock = time.monotonic,
) -> None:
    """Return once ``url`` answers with exactly ``data``; ImageHostError after ``give_up_after`` seconds.

    A folder published by git or rsync shows a new file only after the next push, and a CDN may serve an
    older copy for a while: the link is attached to the style only once it works for everyone.
    """
    deadline = clock() + give_up_after
    delay = 1.0
    while True:
        try:
            fetched = await fetcher.fetch(url)
        except ImageCheckError as err:
            if err.problem is ImageProblem.URL_REFUSED:
                raise ImageHostError(str(err)) from None
        else:
            if fetched.data == data:
                return
        if clock() >= deadline:
            raise ImageHostError(
                f"{url} does not show the picture yet. Publish the folder (push or sync it), then try again."
            )
        await sleep(delay)
        delay = min(delay * 2, 15.0)


def is_horde_result_link(url: str) -> bool:
    """An R2 result link of the Horde (or the sandbox's stand-in): never an example, it expires (§13)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return host.endswith(".r2.cloudflarestorage.com") or parts.path.startswith("/sandbox-r2/")
