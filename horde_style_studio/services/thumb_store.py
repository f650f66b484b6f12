"""Thumbnails on disk: one small encoded picture per URL in the app's cache dir, within a size cap.

Qt-free and blocking: callers run every method off the UI thread (``asyncio.to_thread``). A file is named by
a hash of its URL, never by the URL itself, which may be longer than a file name may be or hold characters a
file system refuses. When the folder outgrows its cap the least recently used files go first; a read touches
the file's mtime, so the mtime is the time of last use. Disk trouble (read-only, full, damaged files) is
logged and otherwise ignored: this store only ever saves downloads, it never holds anything it cannot lose.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

from horde_style_studio.services.paths import AppDirs

log = logging.getLogger(__name__)

FOLDER = "thumbnails"
SUFFIX = ".thumb"
TEMP_SUFFIX = ".tmp"
# A trim frees a tenth of the cap at once, so a full cache does not rescan its folder at every save.
LOW_WATER = 0.9
# A temp file this old was left by a run that died mid-write; younger ones may belong to another instance.
STALE_TEMP_SECONDS = 3600.0


def key_of(url: str) -> str:
    import hashlib  # here, not at import: it loads OpenSSL, which the first paint never needs (issue 18)

    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


# A tuple, not a frozen dataclass: generating a dataclass's methods costs start-up about 1 ms (issue 18);
# _scan's and trim's own record only, never compared or handed out.
class _Entry(NamedTuple):
    path: Path
    size: int
    used: float


class ThumbStore:
    """Owns the files under ``folder``; ``cap`` bytes at most once a save or :meth:`trim` has run.

    Thread-safe: several worker threads may read and save at once (the size tally is kept under a lock).
    """

    def __init__(self, folder: Path, cap: int) -> None:
        self.folder = folder
        self._cap = cap
        self._lock = threading.Lock()
        self._total: int | None = None  # bytes held, counted by the first trim (a save starts one)
        self._complained = False

    @classmethod
    def for_dirs(cls, dirs: AppDirs, cap: int) -> ThumbStore:
        return cls(dirs.cache / FOLDER, cap)

    @property
    def cap(self) -> int:
        return self._cap

    def set_cap(self, cap: int) -> None:
        """A new cap for the next save; call :meth:`trim` (off the UI thread) to apply a smaller one now."""
        self._cap = cap

    def path_of(self, url: str) -> Path:
        key = key_of(url)
        # 256 subfolders keep each directory small even when the cap allows hundreds of thousands of files.
        return self.folder / key[:2] / f"{key}{SUFFIX}"

    def get(self, url: str) -> bytes | None:
        """The bytes saved for ``url``, or None; an unreadable or empty file is deleted and is a miss."""
        path = self.path_of(url)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._complain("read", path, exc)
            self._remove(path)
            return None
        if not data:  # a write cut short by a crash (the rename happened, the data never reached the disk)
            self._remove(path)
            return None
        # A read-only cache still serves its files; it only loses track of which were used last.
        with contextlib.suppress(OSError):
            os.utime(path)
        return data

    def put(self, url: str, data: bytes) -> bool:
        """Save ``data`` for ``url`` atomically, then trim when over the cap; False when the disk refused."""
        path = self.path_of(url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            replaced = _size(path)
            _write_atomically(path, data)
        except OSError as exc:
            self._complain("write", path, exc)
            return False
        with self._lock:
            if self._total is not None:
                self._total += len(data) - replaced
            over = self._total is None or self._total > self._cap
        if over:
            self.trim()
        return True

    def discard(self, url: str) -> None:
        """Forget ``url``'s file (it turned out to be damaged, or made for another size)."""
        self._remove(self.path_of(url))

    def trim(self) -> int:
        """Delete the least recently used files until the folder fits the cap; the bytes it holds then."""
        with self._lock:
            entries = self._scan()
            total = sum(entry.size for entry in entries)
            if total > self._cap:
                target = int(self._cap * LOW_WATER)
                for entry in sorted(entries, key=lambda e: e.used):
                    if total <= target:
                        break
                    if self._remove(entry.path):
                        total -= entry.size
            self._total = total
            return total

    def _scan(self) -> list[_Entry]:
        entries: list[_Entry] = []
        stale = time.time() - STALE_TEMP_SECONDS
        for shard in _listing(self.folder):
            if not shard.is_dir(follow_symlinks=False):
                continue
            for item in _listing(Path(shard.path)):
                try:
                    stat = item.stat(follow_symlinks=False)
                except OSError:
                    continue  # deleted meanwhile, by another instance or a read that found it damaged
                if item.name.endswith(SUFFIX):
                    entries.append(_Entry(Path(item.path), stat.st_size, stat.st_mtime))
                elif item.name.endswith(TEMP_SUFFIX) and stat.st_mtime < stale:
                    self._remove(Path(item.path))
        return entries

    def _remove(self, path: Path) -> bool:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            self._complain("delete", path, exc)
            return False
        return True

    def _complain(self, action: str, path: Path, exc: OSError) -> None:
        # Once per run at warning level: a read-only or full disk would otherwise log at every thumbnail.
        level = logging.DEBUG if self._complained else logging.WARNING
        self._complained = True
        log.log(level, "thumbnail cache: could not %s %s (%s); thumbnails are downloaded instead", action,
                path, exc.strerror or exc)  # fmt: skip


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            return list(listing)
    except OSError:
        return []  # no folder yet, or one the app may not read: nothing to count


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _write_atomically(path: Path, data: bytes) -> None:
    # No fsync: after a power cut a half-written thumbnail is a miss and is downloaded again, so the
    # durability is not worth a disk flush per picture.
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
