"""The SQLite `Store`: one connection, schema migrations, transactions, the page, article,
error and run rows, the near-duplicate index, and the tables of the other parts beside them
(entities.py, stories.py, search.py, chrome.py). It implements `rasd.store.base.Backend`.

One `Store` wraps one connection. Writes happen inside the transaction the writer stage
opens and commits per batch, so a killed run keeps every batch it committed and nothing
half-written.
"""

from __future__ import annotations

import json
import os
import sqlite3
from errno import EACCES, ENOSPC, EPERM, EROFS
from collections.abc import Iterator
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rasd.arabic.normalize import normalize
from rasd.record import Article, digest
from rasd.store.sqlite.chrome import ChromeTable
from rasd.store.sqlite.entities import EntityTable
from rasd.store.sqlite.search import SearchTable, register
from rasd.store.sqlite.stories import StoryTable

SCHEMA_VERSION = 10


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("rasd.store.sqlite") / "migrations"
    scripts = sorted((int(f.name.split("_", 1)[0]), f.read_text("utf-8")) for f in folder.iterdir() if f.name.endswith(".sql"))
    return scripts


def _connect_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection. A store whose -shm file cannot be made (its folder is read-only)
    is opened immutable: SQLite then reads the file alone, so no one may be writing it."""
    uri = "file:" + quote(str(Path(path).absolute()))
    try:
        return _first_read(uri + "?mode=ro")
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY_DIRECTORY):
            raise RuntimeError(f"{path} cannot be read ({exc})") from None
        wal = Path(path + "-wal")
        if wal.exists() and wal.stat().st_size:  # immutable would silently skip what it holds
            raise RuntimeError(f"{path} cannot be read: its folder is read-only, and the changes in its -wal file "
                               "can only be read with a -shm file beside it; checkpoint the store "
                               f"(sqlite3 {path} 'PRAGMA wal_checkpoint(TRUNCATE)') before making it read-only") from None
        return _first_read(uri + "?immutable=1")
    except sqlite3.DatabaseError as exc:
        raise RuntimeError(f"{path} is not a Rasd store ({exc})") from None


def _first_read(uri: str) -> sqlite3.Connection:
    db = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        db.execute("PRAGMA user_version").fetchone()  # the first read opens (or makes) the -wal and -shm
    except sqlite3.Error:
        db.close()
        raise
    return db


class Store:
    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly:
            if not Path(self.path).is_file():
                raise FileNotFoundError(f"no database at {self.path}: run `rasd ingest` first")
            self.db = _connect_readonly(self.path)
            if self.schema_version < SCHEMA_VERSION:  # an older store is brought up to date once
                version = self.schema_version
                self.db.close()
                try:
                    Store(self.path).close()
                except sqlite3.OperationalError as exc:
                    raise RuntimeError(f"{self.path} has schema version {version}, this Rasd needs {SCHEMA_VERSION}, "
                                       f"and the file cannot be upgraded ({exc})") from None
                self.db = _connect_readonly(self.path)
        else:
            self.db = sqlite3.connect(self.path, isolation_level=None)  # transactions are explicit
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA cache_size=-65536")  # 64 MiB: the indexes a run looks up stay in memory
            register(self.db)  # the search backfill (migration 4) calls into Python
            self.migrate()
        self.db.row_factory = sqlite3.Row
        self.entities = EntityTable(self.db)
        self.stories = StoryTable(self.db)
        self._data_version: int | None = None
        self.chrome = ChromeTable(self.db)
        self.search = SearchTable(self.db, self.path)

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path} has schema version {current}; this Rasd knows up to {SCHEMA_VERSION}")
        for version, script in _migrations():
            if version > current:
                self.db.execute("BEGIN")
                try:
                    for statement in script.split(";\n"):
                        if statement.strip():
                            self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version={version}")
                    self.db.execute("COMMIT")
                except BaseException:
                    self.db.execute("ROLLBACK")
                    raise

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- transactions ---------------------------------------------------------------------
    def begin(self) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
            if version != self._data_version:  # another connection wrote: what is cached may be stale
                self.stories.forget()
                self._data_version = version

    def commit(self) -> None:
        if self.db.in_transaction:
            self.stories.flush()  # batched counts land in the transaction they belong to
            self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.stories.forget()

    def close(self) -> None:
        self.rollback()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- pages and errors ----------------------------------------------------------------
    def has_page(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM pages WHERE key = ?", (key,)).fetchone() is not None

    def add_page(self, key: str, page: str, path: str) -> None:
        self.db.execute("INSERT INTO pages (key, page, path, ingested_at) VALUES (?, ?, ?, ?)", (key, _storable(page), _storable(path), _now()))
        self.db.execute("DELETE FROM errors WHERE key = ?", (key,))  # it failed before, reads now

    def add_error(self, record: Article) -> None:
        key = record.page_key or digest("unreadable", record.path)
        self.db.execute(
            "INSERT INTO errors (key, page, path, reason, at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET reason = excluded.reason, at = excluded.at",
            (key, _storable(record.page), _storable(record.path), _storable(record.error), _now()),
        )

    # -- articles ---------------------------------------------------------------------------
    def add_article(self, a: Article) -> None:
        fp = a.fingerprint
        self.db.execute(
            "INSERT INTO articles (id, page_key, page, page_index, path, source, url, title, published, text,"
            " duplicate_of, story_id, entities, quotes, dates, events, text_hash, shingles, minhash, meta, terms, genre)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id, a.page_key, a.page, a.page_index, a.path, a.source, a.url, a.title, a.published, a.text,
                a.duplicate_of, a.story_id, _json(a.entities), _json(a.quotes), _json(a.dates), _json(a.events),
                fp.text_hash, fp.shingles, fp.minhash, _json(a.meta), None if a.story_terms is None else _json(a.story_terms),
                a.genre,
            ),
        )
        if a.duplicate_of is None:  # only canonical articles are near-duplicate candidates
            self.db.executemany(
                "INSERT OR IGNORE INTO minhash_bands (key, article_num) VALUES (?, last_insert_rowid())",
                [(k,) for k in fp.bands],
            )

    # -- near-duplicate index (see rasd.dedup.Deduplicator) ------------------------------------
    def exact_match(self, text_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE text_hash = ? AND duplicate_of IS NULL LIMIT 1", (text_hash,)
        ).fetchone()
        return row[0] if row else None

    def candidates(self, keys: list[int]) -> list[tuple[str, int, bytes]]:
        marks = ",".join("?" * len(keys))
        return [
            tuple(row)
            for row in self.db.execute(
                f"SELECT id, shingles, minhash FROM articles WHERE num IN "
                f"(SELECT DISTINCT article_num FROM minhash_bands WHERE key IN ({marks}))",
                keys,
            )
        ]

    # -- runs ---------------------------------------------------------------------------------
    def start_run(self, paths: list[str]) -> int:
        cur = self.db.execute("INSERT INTO runs (started_at, paths) VALUES (?, ?)", (_now(), _json([_storable(p) for p in paths])))
        return cur.lastrowid

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        self.db.execute("UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?", (_now(), _json(counts), run_id))

    # -- reading ------------------------------------------------------------------------------
    def articles(self, *, ids: list[str] | None = None, story_id: str | None = None, source: str | None = None,
                 since: str | None = None, until: str | None = None, canonical: bool = False,
                 newest_first: bool = False, limit: int = -1, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Articles as export-contract dicts (see docs/schema.md), in insertion order (or
        newest first), optionally only those matching every filter given."""
        where, args = self._article_filter(ids, story_id, source, since, until, canonical)
        order = "published DESC, num DESC" if newest_first else "num"  # DESC puts undated (NULL) last
        rows = self.db.execute(  # the page is chosen in the small search_docs rows, through an index
            "SELECT a.*, (SELECT json_group_array(x.page) FROM articles x WHERE x.duplicate_of = a.id) AS dup_pages"
            f" FROM (SELECT d.num FROM search_docs d {where} ORDER BY d.{order.replace(', ', ', d.')} LIMIT ? OFFSET ?) p"
            f" JOIN articles a ON a.num = p.num ORDER BY a.{order.replace(', ', ', a.')}", [*args, limit, offset]
        )
        for row in rows:
            sources = [row["page"]] + [p for p in json.loads(row["dup_pages"]) if p != row["page"]]
            yield {
                "kind": "article",
                "id": row["id"],
                "page": row["page"],
                "page_index": row["page_index"],
                "source": row["source"],
                "url": row["url"],
                "title": row["title"],
                "published": row["published"],
                "genre": row["genre"],
                "text": row["text"],
                "duplicate_of": row["duplicate_of"],
                "sources": list(dict.fromkeys(sources)),
                "story_id": row["story_id"],
                "entities": json.loads(row["entities"]),
                "quotes": json.loads(row["quotes"]),
                "dates": json.loads(row["dates"]),
                "events": json.loads(row["events"]),
            }

    def count_articles(self, *, ids: list[str] | None = None, story_id: str | None = None, source: str | None = None,
                       since: str | None = None, until: str | None = None, canonical: bool = False) -> int:
        where, args = self._article_filter(ids, story_id, source, since, until, canonical)
        return self.db.execute(f"SELECT count(*) FROM search_docs d {where}", args).fetchone()[0]

    def article(self, article_id: str) -> dict[str, Any] | None:
        return next(self.articles(ids=[article_id]), None)

    @staticmethod
    def _article_filter(ids, story_id, source, since, until, canonical) -> tuple[str, list[Any]]:
        """A WHERE clause on search_docs `d`, which holds what articles are filtered on."""
        where, args = [], []
        if ids is not None:
            where.append(f"d.num IN (SELECT num FROM articles WHERE id IN ({','.join('?' * len(ids))}))")
            args += ids
        for sql, value in (("d.story_id = ?", story_id), ("d.source = ?", source),
                           ("d.published >= ?", since), ("d.published <= ?", until)):
            if value is not None:
                where.append(sql)
                args.append(value)
        if canonical:
            where.append("d.canonical = 1")
        return ("WHERE " + " AND ".join(where) if where else ""), args

    def quotes(self, speaker: str | None = None, speaker_ids: set[str] = frozenset()) -> Iterator[dict[str, Any]]:
        """Quotes of canonical articles, newest first; with `speaker`, only those whose
        speaker is one of `speaker_ids` or whose speaker's words contain `speaker`; with
        `speaker_ids` alone, only those of these entities."""
        if speaker_ids and not speaker:  # through the quote_speakers index, not every article's quotes
            rows = self.db.execute(
                "SELECT a.id, a.published, a.source, a.title, json_extract(a.quotes, '$[' || k.quote_index || ']')"
                " FROM quote_speakers k JOIN articles a ON a.num = k.article_num"
                f" WHERE k.speaker_id IN ({','.join('?' * len(speaker_ids))})"
                " ORDER BY k.published DESC, k.article_num, k.quote_index", sorted(speaker_ids))
        else:
            rows = self.db.execute(
                "SELECT a.id, a.published, a.source, a.title, q.value FROM articles a, json_each(a.quotes) q"
                " WHERE a.duplicate_of IS NULL ORDER BY a.published DESC, a.num, q.key")
        wanted = normalize(speaker) if speaker else None
        for article_id, published, source, title, value in rows:
            quote = json.loads(value)
            if wanted and quote.get("speaker_id") not in speaker_ids and wanted not in normalize(quote.get("speaker") or ""):
                continue
            yield {"article_id": article_id, "published": published, "source": source, "title": title, **quote}

    def errors(self) -> Iterator[dict[str, Any]]:
        for row in self.db.execute("SELECT page, path, reason FROM errors ORDER BY path"):
            yield {"kind": "error", "page": row["page"], "path": row["path"], "reason": row["reason"]}

    def sources(self) -> list[str]:
        """The outlets the store has articles from, one step of the search_docs_source index each."""
        return [s for (s,) in self.db.execute(
            "WITH RECURSIVE o(source) AS (SELECT min(source) FROM search_docs UNION ALL"
            " SELECT (SELECT min(source) FROM search_docs WHERE source > o.source) FROM o WHERE o.source IS NOT NULL)"
            " SELECT source FROM o WHERE source IS NOT NULL")]

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        first, last = self.db.execute("SELECT min(published), max(published) FROM articles").fetchone()
        return {
            "pages": one("SELECT count(*) FROM pages"),
            "articles": one("SELECT count(*) FROM articles"),
            "canonical": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "errors": one("SELECT count(*) FROM errors"),
            "undated": one("SELECT count(*) FROM articles WHERE published IS NULL"),
            "entities": one("SELECT count(*) FROM entities"),
            "quotes": one("SELECT coalesce(sum(json_array_length(quotes)), 0) FROM articles"),
            "sources": {
                (name or "(unknown)"): n
                for name, n in self.db.execute(
                    "SELECT source, count(*) FROM articles GROUP BY source ORDER BY count(*) DESC, source"
                )
            },
            "first_published": first,
            "last_published": last,
        }


def store_problem(exc: BaseException, path: str | Path) -> tuple[str, int] | None:
    """What a person should read when writing the store failed, and the exit code (2: the
    store cannot be written at all; 3: the run stopped part-way and can be resumed); None
    for errors that are not about the store's file."""
    code = getattr(exc, "sqlite_errorcode", None)
    base = code & 0xFF if isinstance(code, int) else None
    errno_ = getattr(exc, "errno", None)
    if isinstance(exc, OSError) and not str(exc.filename or path).startswith(str(path)):
        return None  # another file's trouble
    if base == sqlite3.SQLITE_FULL or errno_ == ENOSPC:
        return (f"the disk holding {path} is full: the run stopped; every batch committed before it is kept "
                f"and the store is consistent. Free some space (or move the store) and run the same command "
                f"again: it resumes where it stopped.", 3)
    if base == sqlite3.SQLITE_READONLY or errno_ in (EROFS, EACCES, EPERM) or (
            base == sqlite3.SQLITE_CANTOPEN and _read_only(Path(path))):
        return f"cannot write to the store {path}: it is read-only (read it with rasd serve, export or stats).", 2
    if base == sqlite3.SQLITE_CANTOPEN:
        return f"cannot open or create the store {path}: check that its folder exists and is writable.", 2
    if base in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return (f"the store {path} could not be written ({exc}): the run stopped; what it had committed "
                f"is kept, and the same command resumes it.", 3)
    if base in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return f"{path} is not a usable Rasd store ({exc}).", 2
    return None


def _read_only(path: Path) -> bool:
    """The store file, or the folder its journal files go in, cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    return (path.exists() and not os.access(path, os.W_OK)) or not os.access(folder, os.W_OK)


def _storable(text: str | None) -> str | None:
    """Text SQLite can take: a lone surrogate (from an undecodable file name) becomes "?"."""
    return text.encode("utf-8", "replace").decode("utf-8") if text is not None else None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
