"""The search index in SQLite: an FTS5 table of token streams, the filter columns beside it
(search_docs), the entities each article mentions (article_entities), and the queries.

The writer calls `add` right after the article row, in its transaction, so the index rows
land (or vanish, after a kill) together with the article: a resumed ingest never indexes
an article twice or misses one. `register` gives a connection the SQL function the
schema migration uses to backfill articles stored before the index existed.

A `Plan` becomes FTS5 expressions here: every group (AND), some (OR), and, for plain
words, the words close together (NEAR). Matches are ranked by BM25, title words weighing
TITLE_WEIGHT times body words.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from rasd.arabic.tokens import index_text
from rasd.record import Article
from rasd.store.base import Group, Plan, SearchFilters, SearchHits

SQL_FUNCTION = "rasd_search_tokens"
TITLE_WEIGHT = 3.0  # a query word in the title counts three times one in the body (BM25 column weights)
RANK_WINDOW = 10_000  # matches ranked at once (see _ranked)
NEAR_LIMIT = 5_000  # words-close-together tier only for queries with at most this many full matches
NEAR_GAP = 8  # index tokens allowed between two query words for them to count as close
# CROSS JOIN keeps the index lookup first: search_docs' own indexes (canonical, source, date)
# would otherwise tempt the planner to walk the archive and look each article up in the index
_FROM = "FROM search_index s CROSS JOIN search_docs d ON d.num = s.rowid WHERE search_index MATCH ?"


def register(db: sqlite3.Connection) -> None:
    """Make `rasd_search_tokens(text)` callable from SQL on this connection."""
    db.create_function(SQL_FUNCTION, 1, index_text, deterministic=True)


class SearchTable:
    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self.db = db
        self.path = path

    # -- writing ------------------------------------------------------------------------------
    def add(self, article: Article) -> None:
        """Index a stored article and list the entities it mentions."""
        num = self.db.execute("SELECT num FROM articles WHERE id = ?", (article.id,)).fetchone()[0]
        title, body = article.search_tokens or (index_text(article.title), index_text(article.text))
        self.db.execute("INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", (num, title, body))
        self.db.execute("INSERT INTO search_docs (num, canonical, published, source, story_id) VALUES (?, ?, ?, ?, ?)",
                        (num, int(article.duplicate_of is None), article.published, article.source, article.story_id))
        ids = {m["entity_id"] for m in article.entities if m.get("entity_id")}
        if ids:
            self.db.executemany(
                "INSERT OR IGNORE INTO article_entities (entity_id, article_num, published, canonical) VALUES (?, ?, ?, ?)",
                [(e, num, article.published, int(article.duplicate_of is None)) for e in sorted(ids)])

    # -- querying -----------------------------------------------------------------------------
    def require(self) -> None:
        if self.db.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('search_index', 'search_docs')").fetchone()[0] < 2:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            raise RuntimeError(f"{self.path} has no search index (schema version {version}):"
                               " open it once for writing, e.g. with `rasd ingest`, to build it")

    def document_frequency(self, term: str) -> int:
        row = self.db.execute("SELECT doc FROM search_vocab WHERE term = ?", (term,)).fetchone()
        return row[0] if row else 0

    def explain(self, plan: Plan) -> str:
        return _expression(plan, "all")

    def query(self, plan: Plan, filters: SearchFilters, limit: int, offset: int) -> SearchHits:
        """Articles with every group first (those with the words close together before the
        others, when the query is plain words), then those with some; `limit` of them from
        `offset` on."""
        where, args = _filters(filters)
        every = _expression(plan, "all")
        some = _expression(plan, "any") if len(plan.groups) > 1 else every
        n_all = self._count(every, where, args)
        total = self._count(some, where, args) if some != every else n_all
        tiers = [(every, n_all), (f"({some}) NOT ({every})", total - n_all)]
        near = _near(plan) if n_all <= NEAR_LIMIT else None  # proximity reads position lists: only when affordable
        if near:
            n_near = self._count(near, where, args)
            tiers[:1] = [(near, n_near), (f"({every}) NOT {near}", n_all - n_near)]
        nums: list[tuple[int, float]] = []
        skip = offset
        for expression, n in tiers:
            if skip >= n:
                skip -= n
                continue
            nums += self._ranked(expression, n, where, args, skip, limit - len(nums))
            skip = 0
            if len(nums) >= limit:
                break
        scores = dict(nums)
        rows = self._rows([n for n, _ in nums])
        dups = self._duplicates([r[1] for r in rows if r[7] is None])
        return SearchHits(total, n_all, [
            {"article_id": r[1], "title": r[2], "source": r[3], "published": r[4], "story_id": r[5], "text": r[6],
             "duplicate_of": r[7], "score": -scores[r[0]], "duplicates": dups.get(r[1], [])} for r in rows])

    def _count(self, expression: str, where: str, args: list[Any]) -> int:
        return self.db.execute(f"SELECT count(*) {_FROM}{where}", [expression, *args]).fetchone()[0]

    def _ranked(self, expression: str, n: int, where: str, args: list[Any], skip: int, limit: int) -> list[tuple[int, float]]:
        """(article num, bm25) of matches `skip` to `skip + limit` of `expression`, best first.

        BM25 is worked out for every match, so when more than RANK_WINDOW articles match, the
        matches are ranked in windows of RANK_WINDOW, the most recently stored first: the first
        pages are the best of the newest RANK_WINDOW matching articles."""
        rank = f"bm25(search_index, {TITLE_WEIGHT}, 1.0)"
        if n <= RANK_WINDOW:
            return self.db.execute(f"SELECT s.rowid, {rank} AS r {_FROM}{where} ORDER BY r, s.rowid LIMIT ? OFFSET ?",
                                   [expression, *args, limit, skip]).fetchall()
        out: list[tuple[int, float]] = []
        window = skip // RANK_WINDOW
        skip -= window * RANK_WINDOW
        while len(out) < limit and window * RANK_WINDOW < n:
            top, bottom = self._nth(expression, where, args, window * RANK_WINDOW), None
            if (window + 1) * RANK_WINDOW < n:
                bottom = self._nth(expression, where, args, (window + 1) * RANK_WINDOW)
            bounds = " AND s.rowid <= ?" + (" AND s.rowid > ?" if bottom is not None else "")
            out += self.db.execute(
                f"SELECT s.rowid, {rank} AS r {_FROM}{where}{bounds} ORDER BY r, s.rowid LIMIT ? OFFSET ?",
                [expression, *args, top, *([bottom] if bottom is not None else []), limit - len(out), skip]).fetchall()
            window, skip = window + 1, 0
        return out

    def _nth(self, expression: str, where: str, args: list[Any], k: int) -> int:
        """The rowid of the k-th match (0-based), newest first."""
        return self.db.execute(f"SELECT s.rowid {_FROM}{where} ORDER BY s.rowid DESC LIMIT 1 OFFSET ?",
                               [expression, *args, k]).fetchone()[0]

    def _rows(self, nums: list[int]) -> list[tuple]:
        if not nums:
            return []
        found = {r[0]: r for r in self.db.execute(
            f"SELECT num, id, title, source, published, story_id, text, duplicate_of FROM articles"
            f" WHERE num IN ({','.join('?' * len(nums))})", nums)}
        return [found[n] for n in nums]

    def _duplicates(self, canonical_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        if not canonical_ids:
            return {}
        found: dict[str, list[dict[str, Any]]] = {}
        rows = self.db.execute(
            f"SELECT duplicate_of, id, source, published FROM articles WHERE duplicate_of IN ({','.join('?' * len(canonical_ids))})"
            " ORDER BY num", canonical_ids)
        for original, id_, source, published in rows:
            found.setdefault(original, []).append({"article_id": id_, "source": source, "published": published})
        return found

    # -- entity statistics --------------------------------------------------------------------
    def entity_months(self, entity_id: str) -> list[tuple[str, int]]:
        return self.db.execute(
            "SELECT substr(published, 1, 7) AS month, count(*) FROM article_entities"
            " WHERE entity_id = ? AND canonical = 1 AND published IS NOT NULL GROUP BY month ORDER BY month",
            (entity_id,)).fetchall()

    def cooccurring(self, entity_id: str, limit: int) -> list[dict[str, Any]]:
        rows = self.db.execute(  # counted first; names are looked up only for the top counts (and their ties)
            "WITH c AS MATERIALIZED (SELECT o.entity_id, count(*) AS n FROM article_entities x"
            " JOIN article_entities o ON o.article_num = x.article_num AND o.entity_id != x.entity_id"
            " WHERE x.entity_id = ? AND x.canonical = 1 GROUP BY o.entity_id)"
            " SELECT c.entity_id, e.name, e.type, c.n FROM c JOIN entities e ON e.id = c.entity_id"
            " WHERE c.n >= (SELECT min(n) FROM (SELECT n FROM c ORDER BY n DESC LIMIT ?))"
            " ORDER BY c.n DESC, e.name LIMIT ?", (entity_id, limit, limit))
        return [{"entity_id": r[0], "name": r[1], "type": r[2], "articles": r[3]} for r in rows]


def _group_expression(group: Group) -> str:
    alts = [" AND ".join(f'"{t}"' for t in alt) for alt in group.alternatives]
    return "(" + " OR ".join(f"({a})" if len(alt) > 1 else a for a, alt in zip(alts, group.alternatives)) + ")"


def _expression(plan: Plan, mode: str) -> str:
    return f" {'AND' if mode == 'all' else 'OR'} ".join(_group_expression(g) for g in plan.groups)


def _near(plan: Plan) -> str | None:
    """The query's words close together (next to each other, give or take the index
    forms of a word and a function word between them), when every group is one term."""
    groups = plan.groups
    if len(groups) < 2 or any(len(g.alternatives) != 1 or len(g.alternatives[0]) != 1 for g in groups):
        return None
    return "NEAR(" + " ".join(f'"{g.alternatives[0][0]}"' for g in groups) + f", {NEAR_GAP * (len(groups) - 1)})"


def _filters(f: SearchFilters) -> tuple[str, list[Any]]:
    where, args = [], []
    if not f.include_duplicates:
        where.append("d.canonical = 1")
    for sql, value in (("d.published >= ?", f.since), ("d.published <= ?", f.until), ("d.source = ?", f.source),
                       # a story has few articles: look the query up in those only
                       ("s.rowid IN (SELECT num FROM search_docs WHERE story_id = ?)", f.story_id)):
        if value is not None:
            where.append(sql)
            args.append(value)
    if f.entity_ids:
        where.append(f"d.num IN (SELECT article_num FROM article_entities WHERE entity_id IN ({','.join('?' * len(f.entity_ids))}))")
        args += f.entity_ids
    return "".join(" AND " + w for w in where), args
