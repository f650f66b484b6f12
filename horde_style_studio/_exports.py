"""Package re-exports imported on first use.

A package ``__init__`` that imports what it re-exports makes every import of any one of its modules pay for
all of them: importing ``domain.base`` built every pydantic model, ``api.retry`` brought httpx. Start-up pays
that before the first paint (issue 18), so the packages name where each export lives and import it when it
is first asked for.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: ``homes`` maps each exported name to its submodule."""

    def __getattr__(name: str) -> Any:  # noqa: N807  # the module hook's name
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
