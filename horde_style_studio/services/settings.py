"""The app's settings: declared once as checked dataclasses, stored as JSON in the config dir.

The API key is deliberately not a field: it lives only in the keyring (``services.secrets``). Unknown keys in
the file are dropped on load, so a key pasted into the file by hand is never written back.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

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


class SettingsError(ValueError):
    """A settings value that cannot be used; ``where`` names the field ("image_host.public_url")."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


_TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE_WORDS = frozenset({"0", "false", "f", "no", "n", "off"})


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise SettingsError(where, "Input should be a valid string")
    return value


def _flag(value: object, where: str) -> bool:
    # The same leniency the file had when pydantic read it: true/false, 0/1 and their common spellings.
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE_WORDS | _FALSE_WORDS:
        return value.strip().lower() in _TRUE_WORDS
    raise SettingsError(where, "Input should be a valid boolean")


def _number(value: object, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise SettingsError(where, "Input should be a valid number")
    try:
        number = float(value)
    except ValueError:
        raise SettingsError(where, "Input should be a valid number") from None
    if number != number or number < low:  # NaN is below nothing and above nothing: refuse it here
        raise SettingsError(where, f"Input should be greater than or equal to {low:g}")
    if number > high:
        raise SettingsError(where, f"Input should be less than or equal to {high:g}")
    return number


def _whole(value: object, where: str, low: int, high: int) -> int:
    number = _number(value, where, low, high)
    if not number.is_integer():
        raise SettingsError(where, "Input should be a valid integer")
    return int(number)


def _fields(cls: type, data: object, where: str) -> dict[str, Any]:
    # Unknown keys are dropped, so a key pasted into the file by hand is never written back.
    if not isinstance(data, dict):
        raise SettingsError(where or "file", "Input should be an object")
    names = {field.name for field in dataclasses.fields(cls)}
    return {key: value for key, value in data.items() if key in names}


class _Plain:
    """What the rest of the app used of the pydantic models these settings were until issue 18."""

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        data = dataclasses.asdict(self)  # type: ignore[call-overload]  # every subclass is a dataclass
        return json.loads(json.dumps(data)) if mode == "json" else data  # type: ignore[no-any-return]  # a dict

    def model_dump_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"))


@dataclass(frozen=True)
class ImageHostSettings(_Plain):
    """Where example images made by trials are uploaded (issue 15). The S3 keys are in the keyring only.

    ``kind`` is "" (none set up), "folder" (a local folder published under ``public_url``) or "s3" (an
    S3-compatible bucket: AWS S3, Cloudflare R2, Backblaze B2, MinIO).
    """

    kind: str = ""
    folder: str = ""
    public_url: str = ""
    endpoint: str = ""
    bucket: str = ""
    region: str = ""

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            object.__setattr__(self, field.name, _text(getattr(self, field.name), field.name))
        if self.kind not in IMAGE_HOST_KINDS:
            object.__setattr__(self, "kind", "")
        for name in ("public_url", "endpoint"):
            value = getattr(self, name).strip()
            if any(c.isspace() for c in value):
                raise SettingsError(name, "An address may not contain spaces.")
            object.__setattr__(self, name, value)

    @classmethod
    def model_validate(cls, data: object) -> ImageHostSettings:
        return data if isinstance(data, ImageHostSettings) else cls(**_fields(cls, data, "image_host"))


@dataclass(frozen=True)
class BrowseFilters(_Plain):
    """Browse's filters, sort order and scope, as the user left them (the search text starts empty). ``sort``
    is a library sort order's name; the tab falls back to the default for one it does not know."""

    scope: str = BROWSE_SCOPES[0]
    sort: str = ""
    kind: str = ""
    tag: str = ""
    model: str = ""
    favourites_only: bool = False
    mine_only: bool = False

    def __post_init__(self) -> None:
        for name in ("scope", "sort", "kind", "tag", "model"):
            object.__setattr__(self, name, _text(getattr(self, name), name))
        for name in ("favourites_only", "mine_only"):
            object.__setattr__(self, name, _flag(getattr(self, name), name))
        if self.scope not in BROWSE_SCOPES:
            object.__setattr__(self, "scope", BROWSE_SCOPES[0])
        if self.kind not in STYLE_KINDS:
            object.__setattr__(self, "kind", "")

    @classmethod
    def model_validate(cls, data: object) -> BrowseFilters:
        return data if isinstance(data, BrowseFilters) else cls(**_fields(cls, data, "browse_filters"))


@dataclass(frozen=True)
class AppSettings(_Plain):
    """Everything the app remembers between runs, except the API key (which only the keyring holds).

    A plain dataclass that checks itself, not a pydantic model: the window's first paint reads it, and
    pydantic costs the start-up a tenth of a second (issue 18)."""

    model_fields: ClassVar[tuple[str, ...]]

    schema_version: int = SCHEMA_VERSION
    server_url: str = DEFAULT_SERVER_URL
    contact: str = ""
    cache_size_mb: int = 512
    show_nsfw: bool = False
    profiles: tuple[str, ...] = ()
    active_profile: str | None = None
    window_geometry: str = ""
    last_tab: str = ""
    browse_view: str = BROWSE_VIEWS[0]
    browse_filters: BrowseFilters = dataclasses.field(default_factory=BrowseFilters)
    # Trials ask before sending a job whose estimate is above this many kudos (issue 15).
    kudos_confirm_above: float = DEFAULT_KUDOS_CONFIRM
    image_host: ImageHostSettings = dataclasses.field(default_factory=ImageHostSettings)
    color_scheme: str = COLOR_SCHEMES[0]

    def __post_init__(self) -> None:
        def put(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        put("schema_version", _whole(self.schema_version, "schema_version", -(2**63), 2**63 - 1))
        try:
            put("server_url", normalize_server_url(_text(self.server_url, "server_url")))
        except SettingsError:
            raise
        except ValueError as exc:
            raise SettingsError("server_url", str(exc)) from None
        contact = _text(self.contact, "contact")
        if len(contact) > MAX_CONTACT:
            raise SettingsError("contact", f"String should have at most {MAX_CONTACT} characters")
        # It goes into the Client-Agent header (REFERENCE §1), where a line break would end the header.
        if any(c in contact for c in "\r\n"):
            raise SettingsError("contact", "The contact must fit on one line.")
        put("contact", contact.strip())
        put("cache_size_mb", _whole(self.cache_size_mb, "cache_size_mb", MIN_CACHE_MB, MAX_CACHE_MB))
        put("show_nsfw", _flag(self.show_nsfw, "show_nsfw"))
        profiles: object = self.profiles
        if not isinstance(profiles, list | tuple):
            raise SettingsError("profiles", "Input should be a valid tuple")
        try:
            names = (normalize_profile_name(_text(name, "profiles")) for name in profiles)
            put("profiles", tuple(dict.fromkeys(names)))
        except SettingsError:
            raise
        except ValueError as exc:
            raise SettingsError("profiles", str(exc)) from None
        active = self.active_profile
        if active is not None:
            _text(active, "active_profile")
        # A hand-edited file may name a profile it no longer lists: then nobody is active.
        put("active_profile", active if active in self.profiles else None)
        put("window_geometry", _text(self.window_geometry, "window_geometry"))
        put("last_tab", _text(self.last_tab, "last_tab"))
        # A layout is not worth setting the whole file aside for: an unknown one is the grid.
        view = _text(self.browse_view, "browse_view")
        put("browse_view", view if view in BROWSE_VIEWS else BROWSE_VIEWS[0])
        # Filters are not worth setting the whole file aside for either: broken ones start afresh.
        try:
            put("browse_filters", BrowseFilters.model_validate(self.browse_filters))
        except ValueError:
            put("browse_filters", BrowseFilters())
        kudos = _number(self.kudos_confirm_above, "kudos_confirm_above", 0, MAX_KUDOS_CONFIRM)
        put("kudos_confirm_above", kudos)
        try:
            put("image_host", ImageHostSettings.model_validate(self.image_host))
        except SettingsError as exc:
            raise SettingsError(f"image_host.{exc.where}", str(exc).split(": ", 1)[-1]) from None
        # Like the layout: an unknown scheme is not worth losing the file over; it follows the system.
        scheme = _text(self.color_scheme, "color_scheme")
        put("color_scheme", scheme if scheme in COLOR_SCHEMES else COLOR_SCHEMES[0])

    @classmethod
    def model_validate(cls, data: object) -> AppSettings:
        return data if isinstance(data, AppSettings) else cls(**_fields(cls, data, ""))

    def replace(self, **changes: Any) -> AppSettings:
        """A checked copy with ``changes`` applied (the settings are frozen)."""
        return AppSettings.model_validate({**self.model_dump(), **changes})

    def with_profile(self, name: str) -> AppSettings:
        """A copy where ``name`` is a known profile and the active one."""
        profile = normalize_profile_name(name)
        return self.replace(profiles=(*self.profiles, profile), active_profile=profile)

    def without_profile(self, name: str) -> AppSettings:
        """A copy that no longer knows ``name``; no profile is active if it was the active one."""
        active = None if self.active_profile == name else self.active_profile
        return self.replace(profiles=tuple(p for p in self.profiles if p != name), active_profile=active)


AppSettings.model_fields = tuple(field.name for field in dataclasses.fields(AppSettings))


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


# A NamedTuple, not a frozen dataclass: loading the settings comes before the first paint, where generating
# a dataclass's methods costs about 1 ms (issue 18). Nothing replaces, iterates or unpacks it.
class LoadResult(NamedTuple):
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
        except (ValueError, TypeError) as exc:  # JSONDecodeError and SettingsError are ValueErrors
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
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON at line {exc.lineno}"
    return str(exc)
