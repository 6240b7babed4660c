"""`search`: ranked articles for a query, with filters, pagination and snippets.

The query is read into a plan here (query.py); the store's search index finds and ranks
the matches (for SQLite: BM25 over FTS5, rasd.store.sqlite.search); snippets are made here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from rasd.search.query import plan
from rasd.search.snippet import Matcher, snippet
from rasd.store.base import Backend, Plan, SearchFilters

MAX_LIMIT = 500


def search(store: Backend, query: str, since: str | None = None, until: str | None = None, source: str | None = None,
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
    store.search.require()
    p = plan(store, query, entities=entities)
    out: dict[str, Any] = {"query": query, "total": 0, "matched_all": 0, "results": [], "groups": _describe(p)}
    if not p.groups or ids == []:
        return out
    hits = store.search.query(p, SearchFilters(since, until, source, ids, story_id, include_duplicates), limit, offset)
    out.update(total=hits.total, matched_all=hits.matched_all)
    matcher = Matcher(p.terms)
    out["results"] = [
        {"article_id": r["article_id"], "title": r["title"], "source": r["source"], "published": r["published"],
         "story_id": r["story_id"], "score": round(r["score"], 4), "snippet": snippet(r["text"], matcher),
         "title_snippet": snippet(r["title"], matcher, width=10_000) if r["title"] else [],
         "duplicate_of": r["duplicate_of"], "duplicates": r["duplicates"]}
        for r in hits.rows]
    return out


def _iso(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _describe(p: Plan) -> list[dict[str, Any]]:
    """How the query was read: its groups, each with the terms it looks for."""
    return [{"text": g.text, "alternatives": [list(a) for a in g.alternatives], "entity_ids": g.entity_ids}
            for g in p.groups]


def explain(store: Backend, query: str) -> str:
    """The query as the store's search index states it (for debugging and the tests)."""
    return store.search.explain(plan(store, query))

