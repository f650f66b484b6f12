"""The app's settings: declared once as a pydantic model, stored as JSON in the config dir.

The API key is deliberately not a field: it lives only in the keyring (``services.secrets``). Unknown keys in
the file are dropped on load, so a key pasted into the file by hand is never written back.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
)

from horde_style_studio.services.paths import AppDirs, app_dirs
from horde_style_studio.services.settings_values import (  # re-exported: their home before issue 18
    BROWSE_SCOPES as BROWSE_SCOPES,
)
from horde_style_studio.services.settings_values import (
    BROWSE_VIEWS as BROWSE_VIEWS,
)
from horde_style_studio.services.settings_values import (
    COLOR_SCHEMES as COLOR_SCHEMES,
)
from horde_style_studio.services.settings_values import (
    DEFAULT_KUDOS_CONFIRM as DEFAULT_KUDOS_CONFIRM,
)
from horde_style_studio.services.settings_values import (
    DEFAULT_SERVER_URL as DEFAULT_SERVER_URL,
)
from horde_style_studio.services.settings_values import (
    IMAGE_HOST_KINDS as IMAGE_HOST_KINDS,
)
from horde_style_studio.services.settings_values import (
    MAX_CACHE_MB as MAX_CACHE_MB,
)
from horde_style_studio.services.settings_values import (
    MAX_CONTACT as MAX_CONTACT,
)
from horde_style_studio.services.settings_values import (
    MAX_KUDOS_CONFIRM as MAX_KUDOS_CONFIRM,
)
from horde_style_studio.services.settings_values import (
    MAX_PROFILE_NAME as MAX_PROFILE_NAME,
)
from horde_style_studio.services.settings_values import (
    MIN_CACHE_MB as MIN_CACHE_MB,
)
from horde_style_studio.services.settings_values import (
    SCHEMA_VERSION as SCHEMA_VERSION,
)
from horde_style_studio.services.settings_values import (
    SETTINGS_FILE as SETTINGS_FILE,
)
from horde_style_studio.services.settings_values import (
    STYLE_KINDS as STYLE_KINDS,
)
from horde_style_studio.services.settings_values import (
    normalize_profile_name as normalize_profile_name,
)
from horde_style_studio.services.settings_values import (
    normalize_server_url as normalize_server_url,
)
from horde_style_studio.services.settings_values import (
    plain_http_elsewhere,
)

log = logging.getLogger(__name__)

Migration = Callable[[dict[str, Any]], dict[str, Any]]


class ImageHostSettings(BaseModel):
    """Where example images made by trials are uploaded (issue 15). The S3 keys are in the keyring only.

    ``kind`` is "" (none set up), "folder" (a local folder published under ``public_url``) or "s3" (an
    S3-compatible bucket: AWS S3, Cloudflare R2, Backblaze B2, MinIO).
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    kind: str = ""
    folder: str = ""
    public_url: str = ""
    endpoint: str = ""
    bucket: str = ""
    region: str = ""

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return value if value in IMAGE_HOST_KINDS else ""

    @field_validator("public_url", "endpoint")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if any(c.isspace() for c in value.strip()):
            raise ValueError("An address may not contain spaces.")
        return value.strip()


class BrowseFilters(BaseModel):
    """Browse's filters, sort order and scope, as the user left them (the search text starts empty). ``sort``
    is a library sort order's name; the tab falls back to the default for one it does not know."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    scope: str = BROWSE_SCOPES[0]
    sort: str = ""
    kind: str = ""
    tag: str = ""
    model: str = ""
    favourites_only: bool = False
    mine_only: bool = False

    @field_validator("scope")
    @classmethod
    def _scope(cls, value: str) -> str:
        return value if value in BROWSE_SCOPES else BROWSE_SCOPES[0]

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        return value if value in STYLE_KINDS else ""


class AppSettings(BaseModel):
    """Everything the app remembers between runs, except the API key (which only the keyring holds)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    schema_version: int = SCHEMA_VERSION
    server_url: str = DEFAULT_SERVER_URL
    contact: str = Field(default="", max_length=MAX_CONTACT)
    cache_size_mb: int = Field(default=512, ge=MIN_CACHE_MB, le=MAX_CACHE_MB)
    show_nsfw: bool = False
    profiles: tuple[str, ...] = ()
    active_profile: str | None = None
    window_geometry: str = ""
    last_tab: str = ""
    browse_view: str = BROWSE_VIEWS[0]
    browse_filters: BrowseFilters = Field(default_factory=BrowseFilters)
    # Trials ask before sending a job whose estimate is above this many kudos (issue 15).
    kudos_confirm_above: float = Field(default=DEFAULT_KUDOS_CONFIRM, ge=0, le=MAX_KUDOS_CONFIRM)
    image_host: ImageHostSettings = Field(default_factory=ImageHostSettings)
    color_scheme: str = COLOR_SCHEMES[0]

    @field_validator("server_url")
    @classmethod
    def _server_url(cls, value: str) -> str:
        return normalize_server_url(value)

    @field_validator("contact")
    @classmethod
    def _contact(cls, value: str) -> str:
        # It goes into the Client-Agent header (REFERENCE §1), where a line break would end the header.
        if any(c in value for c in "\r\n"):
            raise ValueError("The contact must fit on one line.")
        return value.strip()

    @field_validator("browse_view")
    @classmethod
    def _browse_view(cls, value: str) -> str:
        # A layout is not worth setting the whole file aside for: an unknown one is the grid.
        return value if value in BROWSE_VIEWS else BROWSE_VIEWS[0]

    @field_validator("color_scheme")
    @classmethod
    def _color_scheme(cls, value: str) -> str:
        # Like the layout: an unknown scheme is not worth losing the file over; it follows the system.
        return value if value in COLOR_SCHEMES else COLOR_SCHEMES[0]

    @field_validator("browse_filters", mode="wrap")
    @classmethod
    def _browse_filters(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> BrowseFilters:
        # Filters are not worth setting the whole file aside for either: broken ones start afresh.
        try:
            filters = handler(value)
        except ValidationError:
            return BrowseFilters()
        assert isinstance(filters, BrowseFilters)
        return filters

    @field_validator("profiles")
    @classmethod
    def _profiles(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(normalize_profile_name(name) for name in value))

    @field_validator("active_profile")
    @classmethod
    def _active_is_known(cls, value: str | None, info: ValidationInfo) -> str | None:
        # A hand-edited file may name a profile it no longer lists: then nobody is active.
        return value if value in info.data.get("profiles", ()) else None

    def replace(self, **changes: Any) -> AppSettings:
        """A validated copy with ``changes`` applied (the model is frozen)."""
        return AppSettings.model_validate({**self.model_dump(), **changes})

    def with_profile(self, name: str) -> AppSettings:
        """A copy where ``name`` is a known profile and the active one."""
        profile = normalize_profile_name(name)
        return self.replace(profiles=(*self.profiles, profile), active_profile=profile)

    def without_profile(self, name: str) -> AppSettings:
        """A copy that no longer knows ``name``; no profile is active if it was the active one."""
        active = None if self.active_profile == name else self.active_profile
        return self.replace(profiles=tuple(p for p in self.profiles if p != name), active_profile=active)


def _from_unversioned(data: dict[str, Any]) -> dict[str, Any]:
    # A file without schema_version predates versioning (or was written by hand); its fields already match v1.
    return {**data, "schema_version": 1}


# MIGRATIONS[n] turns a version-n document into a version-(n+1) one.
MIGRATIONS: dict[int, Migration] = {0: _from_unversioned}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a settings document of any older schema version up to ``SCHEMA_VERSION``."""
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:
        raise ValueError(f"schema_version {version!r} is not a version number")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    return data


@dataclass(frozen=True)
class LoadResult:
    """Settings as loaded, and a sentence for the user when the file could not be used as it was."""

    settings: AppSettings
    problem: str | None = None


class SettingsStore:
    """Loads and saves ``AppSettings`` as JSON at one path; saving is atomic (write aside, then rename)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_dirs(cls, dirs: AppDirs | None = None) -> SettingsStore:
        return cls((dirs or app_dirs()).config / SETTINGS_FILE)

    def load(self) -> LoadResult:
        """The stored settings; defaults when there is no file; defaults and a problem when it is unusable."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LoadResult(AppSettings())
        try:
            return self._parse(json.loads(raw))
        except (ValueError, TypeError) as exc:  # JSONDecodeError and ValidationError are ValueErrors
            return self._set_aside(exc)

    def save(self, settings: AppSettings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(settings.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _parse(self, data: object) -> LoadResult:
        if not isinstance(data, dict):
            raise TypeError("the file does not hold a JSON object")
        version = data.get("schema_version", 0)
        if isinstance(version, int) and version > SCHEMA_VERSION:
            # Written by a newer app: keep what this version understands and leave the file in place.
            settings = AppSettings.model_validate({**data, "schema_version": SCHEMA_VERSION})
            return LoadResult(settings, f"Settings were written by a newer version (schema {version}).")
        data = migrate(data)
        notice = None
        stored_url = data.get("server_url")
        if isinstance(stored_url, str) and plain_http_elsewhere(stored_url):
            # Saved by a version that allowed it: the rest of the settings stay, the URL does not.
            data = {k: v for k, v in data.items() if k != "server_url"}
            notice = (
                f"The saved server {stored_url} used plain http:// to another computer, which would send "
                f"your API key unencrypted; {DEFAULT_SERVER_URL} is used instead (change it in Settings)."
            )
        return LoadResult(AppSettings.model_validate(data), notice)

    def _set_aside(self, exc: Exception) -> LoadResult:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        reason = _short_reason(exc)
        try:
            os.replace(self.path, aside)
        except OSError as move_error:
            log.warning(
                "settings file %s is unusable (%s) and could not be moved: %s", self.path, reason, move_error
            )
            return LoadResult(
                AppSettings(),
                f"Your settings file could not be read ({reason}); "
                "defaults are used and will replace it on the next save.",
            )
        log.warning("settings file %s is unusable (%s); moved to %s", self.path, reason, aside)
        return LoadResult(
            AppSettings(),
            f"Your settings file could not be read ({reason}); defaults are used. "
            f"The old file was kept as {aside.name}.",
        )


def _short_reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        return f"{where}: {first['msg']}"
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON at line {exc.lineno}"
    return str(exc)
