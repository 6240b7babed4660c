"""`search`: BM25-ranked articles for a query, with filters, pagination and snippets."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from rasd.search.query import Plan, plan
from rasd.search.snippet import Matcher, snippet

TITLE_WEIGHT = 3.0  # a query word in the title counts three times one in the body (BM25 column weights)
MAX_LIMIT = 500
RANK_WINDOW = 10_000  # matches ranked at once (see _ranked)
NEAR_LIMIT = 5_000  # words-close-together tier only for queries with at most this many full matches


def search(store, query: str, since: str | None = None, until: str | None = None, source: str | None = None,
           entity_id: str | Iterable[str] | None = None, story_id: str | None = None, limit: int = 20,
           offset: int = 0, *, include_duplicates: bool = False, entities: bool = True) -> dict[str, Any]:
    """Articles matching `query`, best first.

    Filters: `since`/`until` (inclusive ISO dates, on `published`; undated articles are left
    out when either is given), `source`, `entity_id` (one id or several: articles mentioning
    any), `story_id`. Canonical articles only unless `include_duplicates`; a canonical
    result lists its duplicates. `entities=False` turns off entity-variant expansion.

    Articles with every word of the query (or a spelling of the entity it names) come
    first, those with the words next to each other before the others when the query is
    plain words, then those with only some of them: `matched_all` counts the first kind,
    `total` both. A query with no searchable word (empty, punctuation, only function words, FTS syntax)
    gives zero results, never an error. Raises ValueError only for bad parameters (a date
    that is not YYYY-MM-DD, `limit` outside 1..500, negative `offset`): the API maps it to
    400. Raises RuntimeError when the store predates the search index (schema < 4) and is
    open read-only.
    """
    since, until = _iso(since, "since"), _iso(until, "until")
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be an integer from 1 to {MAX_LIMIT}")
    if not isinstance(offset, int) or offset < 0:
        raise ValueError("offset must be a non-negative integer")
    ids = [entity_id] if isinstance(entity_id, str) else sorted(entity_id) if entity_id is not None else None
    _check_index(store)
    p = plan(store, query, entities=entities)
    out: dict[str, Any] = {"query": query, "total": 0, "matched_all": 0, "results": [], "groups": _describe(p)}
    if not p.groups or ids == []:
        return out
    where, args = _filters(since, until, source, ids, story_id, include_duplicates)
    every = p.expression("all")
    some = p.expression("any") if len(p.groups) > 1 else every
    n_all = _count(store.db, every, where, args)
    total = _count(store.db, some, where, args) if some != every else n_all
    out.update(total=total, matched_all=n_all)
    tiers = [(every, n_all), (f"({some}) NOT ({every})", total - n_all)]
    near = p.near() if n_all <= NEAR_LIMIT else None  # proximity reads position lists: only when affordable
    if near:
        n_near = _count(store.db, near, where, args)
        tiers[:1] = [(near, n_near), (f"({every}) NOT {near}", n_all - n_near)]
    nums: list[int] = []
    skip = offset
    for expression, n in tiers:
        if skip >= n:
            skip -= n
            continue
        nums += _ranked(store.db, expression, n, where, args, skip, limit - len(nums))
        skip = 0
        if len(nums) >= limit:
            break
    scores = dict(nums)
    rows = _rows(store.db, [n for n, _ in nums])
    matcher = Matcher(p.terms)
    dups = _duplicates(store.db, [r[1] for r in rows if r[7] is None])
    out["results"] = [
        {"article_id": r[1], "title": r[2], "source": r[3], "published": r[4], "story_id": r[5],
         "score": round(-scores[r[0]], 4), "snippet": snippet(r[6], matcher),
         "title_snippet": snippet(r[2], matcher, width=10_000) if r[2] else [],
         "duplicate_of": r[7], "duplicates": dups.get(r[1], [])}
        for r in rows]
    return out


# CROSS JOIN keeps the index lookup first: search_docs' own indexes (canonical, source, date)
# would otherwise tempt the planner to walk the archive and look each article up in the index
_FROM = "FROM search_index s CROSS JOIN search_docs d ON d.num = s.rowid WHERE search_index MATCH ?"


def _count(db, expression: str, where: str, args: list[Any]) -> int:
    return db.execute(f"SELECT count(*) {_FROM}{where}", [expression, *args]).fetchone()[0]


def _ranked(db, expression: str, n: int, where: str, args: list[Any], skip: int, limit: int) -> list[tuple[int, float]]:
    """(article num, bm25) of matches `skip` to `skip + limit` of `expression`, best first.

    BM25 is worked out for every match, so when more than RANK_WINDOW articles match, the
    matches are ranked in windows of RANK_WINDOW, the most recently stored first: the first
    pages are the best of the newest RANK_WINDOW matching articles."""
    rank = f"bm25(search_index, {TITLE_WEIGHT}, 1.0)"
    if n <= RANK_WINDOW:
        return db.execute(f"SELECT s.rowid, {rank} AS r {_FROM}{where} ORDER BY r, s.rowid LIMIT ? OFFSET ?",
                          [expression, *args, limit, skip]).fetchall()
    out: list[tuple[int, float]] = []
    window = skip // RANK_WINDOW
    skip -= window * RANK_WINDOW
    while len(out) < limit and window * RANK_WINDOW < n:
        top, bottom = _nth(db, expression, where, args, window * RANK_WINDOW), None
        if (window + 1) * RANK_WINDOW < n:
            bottom = _nth(db, expression, where, args, (window + 1) * RANK_WINDOW)
        bounds = " AND s.rowid <= ?" + (" AND s.rowid > ?" if bottom is not None else "")
        out += db.execute(
            f"SELECT s.rowid, {rank} AS r {_FROM}{where}{bounds} ORDER BY r, s.rowid LIMIT ? OFFSET ?",
            [expression, *args, top, *([bottom] if bottom is not None else []), limit - len(out), skip]).fetchall()
        window, skip = window + 1, 0
    return out


def _nth(db, expression: str, where: str, args: list[Any], k: int) -> int:
    """The rowid of the k-th match (0-based), newest first."""
    return db.execute(f"SELECT s.rowid {_FROM}{where} ORDER BY s.rowid DESC LIMIT 1 OFFSET ?",
                      [expression, *args, k]).fetchone()[0]


def _rows(db, nums: list[int]) -> list[tuple]:
    if not nums:
        return []
    found = {r[0]: r for r in db.execute(
        f"SELECT num, id, title, source, published, story_id, text, duplicate_of FROM articles"
        f" WHERE num IN ({','.join('?' * len(nums))})", nums)}
    return [found[n] for n in nums]


def _iso(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _check_index(store) -> None:
    if store.db.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('search_index', 'search_docs')").fetchone()[0] < 2:
        raise RuntimeError(f"{store.path} has no search index (schema version {store.schema_version}):"
                           " open it once for writing, e.g. with `rasd ingest`, to build it")


def _filters(since, until, source, ids, story_id, include_duplicates) -> tuple[str, list[Any]]:
    where, args = [], []
    if not include_duplicates:
        where.append("d.canonical = 1")
    for sql, value in (("d.published >= ?", since), ("d.published <= ?", until), ("d.source = ?", source),
                       # a story has few articles: look the query up in those only
                       ("s.rowid IN (SELECT num FROM search_docs WHERE story_id = ?)", story_id)):
        if value is not None:
            where.append(sql)
            args.append(value)
    if ids:
        where.append(f"d.num IN (SELECT article_num FROM article_entities WHERE entity_id IN ({','.join('?' * len(ids))}))")
        args += ids
    return "".join(" AND " + w for w in where), args


def _duplicates(db, canonical_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not canonical_ids:
        return {}
    found: dict[str, list[dict[str, Any]]] = {}
    rows = db.execute(
        f"SELECT duplicate_of, id, source, published FROM articles WHERE duplicate_of IN ({','.join('?' * len(canonical_ids))})"
        " ORDER BY num", canonical_ids)
    for original, id_, source, published in rows:
        found.setdefault(original, []).append({"article_id": id_, "source": source, "published": published})
    return found


def _describe(p: Plan) -> list[dict[str, Any]]:
    """How the query was read: its groups, each with the terms it looks for."""
    return [{"text": g.text, "alternatives": [list(a) for a in g.alternatives], "entity_ids": g.entity_ids}
            for g in p.groups]


def explain(store, query: str) -> str:
    """The MATCH expression a query becomes (for debugging and the tests)."""
    return plan(store, query).expression()

