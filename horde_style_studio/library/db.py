"""The SQLite connection under the library: settings, transactions, and bulk writes off the event loop.

Reads and small writes run on the caller's thread. A sync's page saves run on one background thread with
a connection of their own (WAL lets the UI keep reading meanwhile), so a slow commit or a WAL checkpoint
never freezes the window (issue 4 allows no event-loop stall over 50 ms while syncing). Slow reads (facet
counts over thousands of styles) can run on a reader thread, with a connection of its own too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from horde_style_studio.library.errors import library_error

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

LIBRARY_FILE = "library.sqlite"
BUSY_TIMEOUT = 5.0
T = TypeVar("T")
Job = Callable[[sqlite3.Connection], T]


def connect(target: str | Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are opened explicitly by :func:`transaction`."""
    conn = sqlite3.connect(target, timeout=busy_timeout, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    # With WAL, NORMAL is durable enough: a power cut can lose the last commit, never corrupt the file.
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, doing: str) -> Iterator[sqlite3.Connection]:
    """Committed when the block ends, rolled back if it raises (cancelling too); errors become
    :class:`~horde_style_studio.library.errors.LibraryError` naming what was being ``doing``."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as err:
        raise library_error(err, doing) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as err:
        _rollback(conn)
        raise library_error(err, doing) from None
    except BaseException:
        _rollback(conn)
        raise


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


class Database:
    """The library's connection (``path`` None: an in-memory stand-in), plus a lazily made writer thread."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, busy_timeout: float = BUSY_TIMEOUT
    ) -> None:
        self._conn = conn
        self.path = path
        self.busy_timeout = busy_timeout
        self._pool: ThreadPoolExecutor | None = None
        self._writer: sqlite3.Connection | None = None
        self._reader_pool: ThreadPoolExecutor | None = None
        self._reader: sqlite3.Connection | None = None
        # What reads keep per connection between calls (the facet bitsets), by the connection's id.
        self.kept: dict[int, Any] = {}
        self._closed = False

    def _open_pool(self, name: str, doing: str) -> ThreadPoolExecutor:
        # A read or write that arrives after close (a timer firing while the window goes) must fail like one
        # on the closed main connection, not start a thread and a connection that nothing would close again.
        if self._closed:
            raise library_error(sqlite3.ProgrammingError("Cannot operate on a closed database."), doing)
        # Imported here, as asyncio is below: the app's first frame reads on this thread only (issue 18).
        from concurrent.futures import ThreadPoolExecutor

        return ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise library_error(err, "reading the library") from None

    def read(self, job: Job[T]) -> T:
        """Run the read-only ``job`` on this thread's connection."""
        try:
            return job(self._conn)
        except sqlite3.Error as err:
            raise library_error(err, "reading the library") from None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def write(self, doing: str) -> AbstractContextManager[sqlite3.Connection]:
        """One transaction on this thread's connection (see :func:`transaction`)."""
        return transaction(self._conn, doing)

    async def write_in_background(self, doing: str, job: Job[T]) -> T:
        """Run ``job`` in one transaction on the writer thread. Cancelling the caller does not interrupt
        a job already running: it commits whole, which keeps the library consistent all the same."""
        if self.path is None:
            # An in-memory database exists only on its own connection.
            with self.write(doing) as conn:
                return job(conn)
        if self._pool is None:
            self._pool = self._open_pool("library-writer", doing)
        import asyncio

        return await asyncio.get_running_loop().run_in_executor(self._pool, self._run_job, doing, job)

    def _run_job(self, doing: str, job: Job[T]) -> T:
        if self._writer is None:
            assert self.path is not None
            try:
                self._writer = connect(self.path, self.busy_timeout)
            except sqlite3.Error as err:
                raise library_error(err, doing) from None
        with transaction(self._writer, doing) as conn:
            return job(conn)

    async def read_in_background(self, job: Job[T]) -> T:
        """Run the read-only ``job`` on the reader thread; an in-memory library reads on this thread."""
        if self.path is None:
            return job(self._conn)
        if self._reader_pool is None:
            self._reader_pool = self._open_pool("library-reader", "reading the library")
        import asyncio

        return await asyncio.get_running_loop().run_in_executor(self._reader_pool, self._run_read, job)

    def _run_read(self, job: Job[T]) -> T:
        try:
            if self._reader is None:
                assert self.path is not None
                self._reader = connect(self.path, self.busy_timeout)
            return job(self._reader)
        except sqlite3.Error as err:
            raise library_error(err, "reading the library") from None

    def close(self) -> None:
        self._closed = True
        if self._reader_pool is not None:
            if self._reader is not None:
                self._reader_pool.submit(self._reader.close).result()
            self._reader_pool.shutdown(wait=True)
            self._reader_pool, self._reader = None, None
        if self._pool is not None:
            if self._writer is not None:
                # A connection is closed on the thread that made it.
                self._pool.submit(self._writer.close).result()
            self._pool.shutdown(wait=True)
            self._pool, self._writer = None, None
        self._conn.close()
