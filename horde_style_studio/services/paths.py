"""Where the app keeps its files: the platform's config, data and cache dirs, or one overridden home.

Setting ``HORDE_STYLE_STUDIO_HOME=<dir>`` puts all three under ``<dir>`` (``config/``, ``data/``,
``cache/``), so tests and the app's sandbox mode never read or write a developer's real dirs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from horde_style_studio import APP_ID

HOME_ENV = "HORDE_STYLE_STUDIO_HOME"


# A NamedTuple, not a frozen dataclass: start-up finds its dirs before the first paint, where generating a
# dataclass's methods costs about 1 ms (issue 18). Nothing replaces or unpacks it (``all()`` lists the dirs).
class AppDirs(NamedTuple):
    """The three directories the app may write to. Nothing else on disk is the app's."""

    config: Path
    data: Path
    cache: Path

    @classmethod
    def under(cls, home: Path) -> AppDirs:
        """All three dirs inside one directory (the ``HORDE_STYLE_STUDIO_HOME`` layout)."""
        return cls(config=home / "config", data=home / "data", cache=home / "cache")

    def all(self) -> tuple[Path, Path, Path]:
        return (self.config, self.data, self.cache)


def app_dirs(environ: Mapping[str, str] | None = None) -> AppDirs:
    """The app's dirs: under ``$HORDE_STYLE_STUDIO_HOME`` when it is set, else the platform's own."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV, "").strip()
    if home:
        return AppDirs.under(Path(home).expanduser())
    # Imported here: with the home overridden (tests, the benchmarks, a portable setup) nothing asks the
    # platform, and platformdirs costs start-up a few ms before the first paint (issue 18).
    import platformdirs

    return AppDirs(
        config=platformdirs.user_config_path(APP_ID, appauthor=False),
        data=platformdirs.user_data_path(APP_ID, appauthor=False),
        cache=platformdirs.user_cache_path(APP_ID, appauthor=False),
    )
