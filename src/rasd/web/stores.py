"""The web app's store connections: one read-only connection per serving thread, with a
time limit on each request's queries.

An SQLite connection may only be used on the thread that opened it, and the server answers
requests on a pool of threads: each thread opens its own connection on first use and keeps
it (its page cache stays warm), and a request only ever uses the one of the thread it runs
on. In WAL mode such readers see every batch an ingest running beside the server commits,
and never wait for it.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rasd.store import Store

PROGRESS_STEPS = 10_000  # SQLite instructions between two looks at the clock (about 0.1 ms)
MMAP_BYTES = 1 << 30  # read pages straight from the OS cache, without a copy per connection


class QueryTooLong(Exception):
    pass


class Stores:
    def __init__(self, path: str | Path, time_limit: float) -> None:
        self.path = str(path)
        self.time_limit = time_limit
        self._local = threading.local()

    @contextmanager
    def store(self) -> Iterator[Store]:
        """This thread's connection, its queries cut off after `time_limit` seconds."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.path, readonly=True)
            store.db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        deadline = time.monotonic() + self.time_limit
        store.db.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
        try:
            yield store
        except sqlite3.OperationalError as exc:
            if time.monotonic() > deadline:  # the progress handler stopped it: "interrupted"
                raise QueryTooLong(f"the query took too long (over {self.time_limit:g} s); narrow it down") from exc
            raise
        finally:
            store.db.set_progress_handler(None, 0)
