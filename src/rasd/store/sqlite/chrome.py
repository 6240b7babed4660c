"""The site-chrome counts of the store: on how many pages of a source each short line was seen.

The step that reads these counts (`rasd.clean.SiteChrome`) runs ahead of the writer, which
stores a page's lines with the page, in its transaction. Lines of pages read but not yet
written are held here, in memory, so every page counts exactly once whether or not it has
reached the store; a killed run loses only those, and the next run reads the pages again.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

CHUNK = 500  # lines per query (SQLite caps the number of parameters)


class ChromeTable:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.pending: Counter[tuple[str, str]] = Counter()  # lines of pages read, not yet written

    def count(self, source: str, lines: list[str]) -> dict[str, int]:
        """Pages of `source` each line was seen on, written or still in flight."""
        stored: dict[str, int] = {}
        for i in range(0, len(lines), CHUNK):
            part = lines[i:i + CHUNK]
            stored.update(self.db.execute(
                f"SELECT line, pages FROM site_chrome WHERE source = ? AND line IN ({','.join('?' * len(part))})",
                [source, *part]))
        return {line: stored.get(line, 0) + self.pending[(source, line)] for line in lines}

    def read(self, source: str, lines: list[str]) -> None:
        """A page showing these lines was read; the writer will `write` (or `drop`) it."""
        self.pending.update((source, line) for line in lines)

    def write(self, source: str, lines: list[str]) -> None:
        """The page is being stored: its lines are counted in the store, in its transaction."""
        self.drop(source, lines)
        self.db.executemany(
            "INSERT INTO site_chrome (source, line, pages) VALUES (?, ?, 1) "
            "ON CONFLICT(source, line) DO UPDATE SET pages = pages + 1", [(source, line) for line in lines])

    def drop(self, source: str, lines: list[str]) -> None:
        """The page leaves the in-flight counts (stored, or not stored at all)."""
        for line in lines:
            key = (source, line)
            self.pending[key] -= 1
            if self.pending[key] <= 0:
                del self.pending[key]
