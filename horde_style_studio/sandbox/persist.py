"""Keeping the sandbox's styles and collections across restarts of the desktop app's sandbox mode.

A curator trying the app builds a collection, quits and starts again: the practice Horde should still hold
it. Only what clients change is saved (styles with their examples, collections); users, shared keys and
active models are seed data and come back identical anyway.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, TypeVar

from .store import Collection, Example, SandboxStore, Style

log = logging.getLogger(__name__)
FORMAT = "horde-style-studio/sandbox-state"
VERSION = 1
T = TypeVar("T")


def save_store(store: SandboxStore, path: Path) -> None:
    """Write atomically (temp file + rename), so a crash mid-write leaves the previous state."""
    state = {
        "format": FORMAT,
        "version": VERSION,
        "styles": [asdict(style) for style in store.styles.values()],
        "collections": [asdict(collection) for collection in store.collections.values()],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(state, out)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_store(store: SandboxStore, path: Path) -> bool:
    """Replace the store's styles and collections with the saved ones; False (store untouched) when there is
    no usable file — a damaged one is logged and ignored, the seed data stands."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if state.get("format") != FORMAT or state.get("version") != VERSION:
            raise ValueError("not a sandbox state file of this version")
        styles = [_style(raw) for raw in state["styles"]]
        collections = [_known(Collection, raw) for raw in state["collections"]]
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError) as err:
        log.warning("ignoring the saved sandbox state %s: %s", path, err)
        return False
    store.styles = {style.id: style for style in styles}
    store.collections = {collection.id: collection for collection in collections}
    latest = max([s.created for s in styles] + [c.created for c in collections], default=0)
    while store.tick() <= latest:
        pass  # keep ``created`` increasing, so sort=age stays right for what is created next
    return True


def _style(raw: dict[str, Any]) -> Style:
    examples = [_known(Example, example) for example in raw.get("examples", [])]
    return _known(Style, {**raw, "examples": examples})


def _known(cls: type[T], raw: dict[str, Any]) -> T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]  # cls is always a dataclass here
    return cls(**{k: v for k, v in raw.items() if k in names})
