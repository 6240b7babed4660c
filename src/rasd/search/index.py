"""Writing the search index: one row per stored article, in the writer's transaction.

`SearchTokens` (a parallel step) makes the token streams; `Store.add_article` calls
`index_article` right after the article row, so the index rows
land (or vanish, after a kill) together with the article: a resumed ingest never indexes
an article twice or misses one. `register` gives a connection the SQL function the
schema migration uses to backfill articles stored before the index existed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

from rasd.record import Article
from rasd.search.tokens import index_text

SQL_FUNCTION = "rasd_search_tokens"


def register(db: sqlite3.Connection) -> None:
    """Make `rasd_search_tokens(text)` callable from SQL on this connection."""
    db.create_function(SQL_FUNCTION, 1, index_text, deterministic=True)


class SearchTokens:
    """Makes an article's index token streams where the work is parallel, so the writer,
    which runs in one process, only inserts them."""

    name = "search-tokens"
    parallel = True

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                article.search_tokens = (index_text(article.title), index_text(article.text))
            yield article


def index_article(db: sqlite3.Connection, num: int, article: Article) -> None:
    """Index a stored article (`num` is its row number) and list the entities it mentions."""
    title, body = article.search_tokens or (index_text(article.title), index_text(article.text))
    db.execute("INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", (num, title, body))
    db.execute("INSERT INTO search_docs (num, canonical, published, source, story_id) VALUES (?, ?, ?, ?, ?)",
               (num, int(article.duplicate_of is None), article.published, article.source, article.story_id))
    ids = {m["entity_id"] for m in article.entities if m.get("entity_id")}
    if ids:
        db.executemany(
            "INSERT OR IGNORE INTO article_entities (entity_id, article_num, published, canonical) VALUES (?, ?, ?, ?)",
            [(e, num, article.published, int(article.duplicate_of is None)) for e in sorted(ids)])
