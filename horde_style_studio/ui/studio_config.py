"""What one run of the studio is built from (the app's dirs, the server, what tests inject), and the parts
of it that follow from the server: its library, and what the user is told when the server changes."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from horde_style_studio.library import StyleLibrary
from horde_style_studio.services.paths import AppDirs
from horde_style_studio.ui.widgets.status_bar import describe_server

if TYPE_CHECKING:
    import httpx

    from horde_style_studio.api.retry import RetryPolicy
    from horde_style_studio.services.settings import AppSettings


# NamedTuples, not frozen dataclasses: both are made before the first paint, and defining a dataclass cost it
# ~1 ms each (issue 18). A new config from an old one: ``config._replace(field=value)``.
class SandboxLogin(NamedTuple):
    """Where the in-process sandbox listens and the demo key to sign in with (kept in memory only)."""

    base_url: str
    key: str
    # Every demo account of the sandbox, by profile name, so Account ▸ Switch profile can try each role.
    profiles: Mapping[str, str] = MappingProxyType({})
    # Its library's name: the loopback port changes every run, so the URL cannot say which library is its.
    library: str = "sandbox"


class StudioConfig(NamedTuple):
    dirs: AppDirs
    base_url: str | None = None
    sandbox: SandboxLogin | None = None
    smoke_test: bool = False
    transport: httpx.AsyncBaseTransport | None = None
    retry: RetryPolicy | None = None
    # Settings already in memory (a studio reopened on another server); None reads them from the config dir.
    settings: AppSettings | None = None
    # Said in the message bar once the window is up.
    notice: str | None = None
    # More modules for the one thread that imports the server's side's stacks after the first paint (the
    # in-app sandbox's server): no other thread imports them at the same time (see Studio.imported).
    thread_imports: tuple[str, ...] = ()

    @property
    def pinned(self) -> bool:
        """Whether the server comes from the command line, not from the settings."""
        return self.sandbox is not None or self.base_url is not None


def open_library(config: StudioConfig, server_url: str) -> StyleLibrary:
    """The library of the server this run works with (the sandbox's by its name). Its damage check waits
    until the window is up (``StyleLibrary.check_in_background``): it reads the whole file."""
    if config.sandbox is not None:
        return StyleLibrary.open_in(config.dirs.data, name=config.sandbox.library, check=False)
    return StyleLibrary.open_in(config.dirs.data, server_url=server_url, check=False)


def switch_notice(old: str, new: str, *, unsaved_draft: bool) -> str:
    """What the reopened window says after the user moved from server ``old`` to ``new``."""
    text = f"Now working with {describe_server(new)}: each server has its own library, favourites and notes."
    if unsaved_draft:
        text += f" Your unsaved editor draft stays with {describe_server(old)}; switch back to continue it."
    return text
