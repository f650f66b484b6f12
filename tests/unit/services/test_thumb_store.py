"""The thumbnail store on disk: hashed names, atomic saves, a cap that drops the least recently used first,
damaged files treated as misses, and a disk that refuses writes survived with a note in the log."""

from __future__ import annotations

import errno
import logging
import os
import time
from pathlib import Path

import pytest

from horde_style_studio.services.thumb_store import STALE_TEMP_SECONDS, SUFFIX, ThumbStore

URL = "https://images.test/a picture/with?query=1&odd=ünïcode"


def _urls(*names: str) -> list[str]:
    return [f"https://images.test/{name}.png" for name in names]


def _age(store: ThumbStore, url: str, seconds_ago: float) -> None:
    used = time.time() - seconds_ago
    os.utime(store.path_of(url), (used, used))


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_saved_thumbnail_is_there_for_the_next_run_under_a_hashed_name(tmp_path: Path) -> None:
    assert ThumbStore(tmp_path, 10_000).put(URL, b"picture")
    again = ThumbStore(tmp_path, 10_000)
    assert again.get(URL) == b"picture"
    assert again.get("https://images.test/other.png") is None
    [saved] = _files(tmp_path)
    assert saved.name.endswith(SUFFIX)
    assert "images" not in str(saved.relative_to(tmp_path))
    assert len(saved.stem) == 64  # a sha256, whatever the URL holds


def test_saving_again_replaces_the_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    store = ThumbStore(tmp_path, 10_000)
    store.put(URL, b"first")
    store.put(URL, b"second")
    assert store.get(URL) == b"second"
    assert len(_files(tmp_path)) == 1


def test_over_the_cap_the_least_recently_used_go_first(tmp_path: Path) -> None:
    store = ThumbStore(tmp_path, 3500)
    a, b, c, d = _urls("a", "b", "c", "d")
    for url, age in ((a, 30), (b, 20), (c, 10)):
        store.put(url, bytes(1000))
        _age(store, url, age)
    assert store.get(a) is not None  # a was looked at last: now it is the most recently used
    store.put(d, bytes(1000))
    assert [store.get(u) is not None for u in (a, b, c, d)] == [True, False, True, True]
    assert sum(p.stat().st_size for p in _files(tmp_path)) <= 3500


def test_a_smaller_cap_shrinks_the_folder_at_the_next_trim(tmp_path: Path) -> None:
    store = ThumbStore(tmp_path, 100_000)
    urls = _urls(*"abcdefghij")
    for n, url in enumerate(urls):
        store.put(url, bytes(1000))
        _age(store, url, 100 - n)
    store.set_cap(4000)
    assert store.trim() <= 4000
    assert [store.get(u) is not None for u in urls] == [False] * 7 + [True] * 3


def test_a_new_store_counts_what_an_earlier_run_left(tmp_path: Path) -> None:
    ThumbStore(tmp_path, 100_000).put(_urls("old")[0], bytes(5000))
    store = ThumbStore(tmp_path, 5500)
    store.put(_urls("new")[0], bytes(1000))
    assert store.get(_urls("old")[0]) is None
    assert store.get(_urls("new")[0]) == bytes(1000)


def test_an_empty_file_is_a_miss_and_is_deleted(tmp_path: Path) -> None:
    store = ThumbStore(tmp_path, 10_000)
    store.put(URL, b"picture")
    store.path_of(URL).write_bytes(b"")
    assert store.get(URL) is None
    assert not store.path_of(URL).exists()


@pytest.mark.logs_warning("could not read")
def test_an_unreadable_file_is_a_miss_and_is_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    store = ThumbStore(tmp_path, 10_000)
    store.put(URL, b"picture")

    def broken(self: Path) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", broken)
    with caplog.at_level(logging.WARNING):
        assert store.get(URL) is None
    assert not store.path_of(URL).exists()
    assert "Input/output error" in caplog.text


def test_a_discarded_thumbnail_is_gone(tmp_path: Path) -> None:
    store = ThumbStore(tmp_path, 10_000)
    store.put(URL, b"picture")
    store.discard(URL)
    store.discard(URL)
    assert store.get(URL) is None


@pytest.mark.logs_warning("could not write")
def test_a_folder_that_cannot_be_created_is_noted_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")  # refuses writes even to root, unlike chmod
    store = ThumbStore(blocker / "thumbnails", 10_000)
    with caplog.at_level(logging.WARNING):
        assert not store.put(URL, b"picture")
        assert not store.put(_urls("b")[0], b"picture")
    assert store.get(URL) is None
    assert store.trim() == 0
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


@pytest.mark.logs_warning("could not write")
def test_a_full_disk_keeps_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    store = ThumbStore(tmp_path, 10_000)

    def full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with caplog.at_level(logging.WARNING):
        assert not store.put(URL, b"picture")
    assert _files(tmp_path) == []
    assert "No space left on device" in caplog.text
    assert store.get(URL) is None


def test_a_trim_clears_temp_files_a_crashed_run_left(tmp_path: Path) -> None:
    store = ThumbStore(tmp_path, 10_000)
    store.put(URL, b"picture")
    shard = store.path_of(URL).parent
    old, fresh = shard / ".left.tmp", shard / ".writing.tmp"
    for temp in (old, fresh):
        temp.write_bytes(b"half")
    long_ago = time.time() - 2 * STALE_TEMP_SECONDS
    os.utime(old, (long_ago, long_ago))
    store.trim()
    assert (old.exists(), fresh.exists(), store.get(URL)) == (False, True, b"picture")
