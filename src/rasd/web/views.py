"""What each page shows, as one plain dict: the template renders it, the JSON twin returns it.

Views read the store and nothing else; they raise `NotFound` or `BadRequest`, which the app
turns into a 404 or 400 page (or JSON) with a message.
"""

from __future__ import annotations

from datetime import date
from itertools import islice
from typing import Any

from rasd.search import cooccurring, mentions_over_time, search as run_search
from rasd.store import Store

EVENT_TYPES = ("meeting", "statement", "sanction", "agreement", "accusation")
MAX_LIMIT = 200


class NotFound(LookupError):
    pass


class BadRequest(ValueError):
    pass


def iso_date(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise BadRequest(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _page(limit: int, offset: int, total: int | None, count: int) -> dict[str, Any]:
    return {"limit": limit, "offset": offset, "total": total, "count": count,
            "next_offset": offset + limit if (total is None and count == limit) or (total or 0) > offset + limit else None,
            "prev_offset": max(0, offset - limit) if offset else None}


def _names(store: Store, ids: set[str]) -> dict[str, dict[str, Any]]:
    ids = {i for i in ids if i}
    return {e["id"]: e for e in store.entities.all(ids=sorted(ids))} if ids else {}


def _with_names(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events with their participants' and place's names beside the ids."""
    known = _names(store, {p for e in events for p in e["participants"]} | {e["place"] for e in events})
    for event in events:
        event["participant_names"] = [known[p]["name"] if p in known else p for p in event["participants"]]
        event["place_name"] = known[event["place"]]["name"] if event["place"] in known else None
    return events


# -- timeline and stories ------------------------------------------------------------------
def timeline(store: Store, *, since: str | None = None, until: str | None = None, entity: str | None = None,
             source: str | None = None, sort: str = "recent", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    since, until = iso_date(since, "from"), iso_date(until, "to")
    wanted = store.entities.ids_for(entity) if entity else None
    page = list(store.stories.stories(since, until, wanted, source=source or None, sort=sort, limit=limit + 1,
                                      offset=offset)
                ) if wanted is None or wanted else []
    more, page = len(page) > limit, page[:limit]
    lines = {line["id"]: line["label"] for line in store.stories.storylines(
        sorted({s["storyline_id"] for s in page if s["storyline_id"]}))} if page else {}
    for story in page:
        story["storyline_label"] = lines.get(story["storyline_id"])
    return {"kind": "timeline", "filters": {"from": since, "to": until, "entity": entity, "source": source, "sort": sort},
            "entity_known": wanted is None or bool(wanted), "stories": page,
            "page": {**_page(limit, offset, None, len(page)), "next_offset": offset + limit if more else None},
            "sources": store.sources()}


def story(store: Store, story_id: str) -> dict[str, Any]:
    found = next(store.stories.stories(ids=[story_id]), None)
    if found is None:
        raise NotFound(f"no story with id {story_id!r}")
    articles = list(store.articles(story_id=story_id))
    articles.sort(key=lambda a: (a["published"] is None, a["published"] or "", a["duplicate_of"] is not None))
    events = _with_names(store, list(store.stories.events(story_id=story_id)))
    said = [{**q, "article_id": a["id"], "source": a["source"], "published": a["published"]}
            for a in articles if not a["duplicate_of"] for q in a["quotes"] if q.get("speaker")]
    storyline = next(store.stories.storylines([found["storyline_id"]]), None) if found["storyline_id"] else None
    for article in articles:
        article.pop("text")
        article.pop("dates")
        article.pop("entities")
        article.pop("quotes")
    return {"kind": "story", "story": found, "articles": articles, "events": events, "quotes": said,
            "storyline": storyline}


def storylines(store: Store, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    page = list(store.stories.storylines(limit=limit + 1, offset=offset))
    return {"kind": "storylines", "storylines": page[:limit],
            "page": {**_page(limit, offset, None, min(len(page), limit)),
                     "next_offset": offset + limit if len(page) > limit else None}}


def storyline(store: Store, storyline_id: str) -> dict[str, Any]:
    found = next(store.stories.storylines([storyline_id]), None)
    if found is None:
        raise NotFound(f"no storyline with id {storyline_id!r}")
    stories = sorted(store.stories.stories(storyline_id=storyline_id), key=lambda s: s["start"] or "")
    return {"kind": "storyline", "storyline": found, "stories": stories}


def events(store: Store, *, types: list[str] | None = None, entity_id: str | None = None,
           limit: int = 50, offset: int = 0) -> dict[str, Any]:
    wanted = {t.strip().lower() for arg in types or [] for t in arg.split(",") if t.strip()}
    unknown = wanted - set(EVENT_TYPES)
    if unknown:
        raise BadRequest(f"type: unknown {', '.join(sorted(unknown))}; expected {', '.join(EVENT_TYPES)}")
    page = list(store.stories.events(wanted or None, entity_id=entity_id, limit=limit + 1, offset=offset))
    return {"kind": "events", "filters": {"type": sorted(wanted), "entity_id": entity_id},
            "events": _with_names(store, page[:limit]),
            "page": {**_page(limit, offset, None, min(len(page), limit)),
                     "next_offset": offset + limit if len(page) > limit else None}}


# -- articles and entities -------------------------------------------------------------------
def articles(store: Store, *, since: str | None = None, until: str | None = None, source: str | None = None,
             story_id: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    filters = {"since": iso_date(since, "from"), "until": iso_date(until, "to"), "source": source,
               "story_id": story_id, "canonical": True}
    page = list(store.articles(**filters, newest_first=True, limit=limit, offset=offset))
    for article in page:
        article["text"] = article["text"][:400]
    total = store.count_articles(**filters)
    return {"kind": "articles", "articles": page, "page": _page(limit, offset, total, len(page))}


def article(store: Store, article_id: str) -> dict[str, Any]:
    found = store.article(article_id)
    if found is None:
        raise NotFound(f"no article with id {article_id!r}")
    original = store.article(found["duplicate_of"]) if found["duplicate_of"] else None
    known = _names(store, {m.get("entity_id") for m in found["entities"]})
    return {"kind": "article", "article": found, "paragraphs": [p for p in found["text"].split("\n\n") if p.strip()],
            "duplicate_of_title": original["title"] if original else None,
            "entities": [known[i] for i in dict.fromkeys(m.get("entity_id") for m in found["entities"]) if i in known]}


def entities(store: Store, *, type_: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    if type_ and type_.upper() not in ("PER", "ORG", "LOC"):
        raise BadRequest(f"type: {type_!r} is not one of PER, ORG, LOC")
    type_ = type_.upper() if type_ else None
    page = list(store.entities.all(type_, limit=limit, offset=offset))
    return {"kind": "entities", "filters": {"type": type_}, "entities": page,
            "page": _page(limit, offset, store.entities.count(type_), len(page))}


def entity(store: Store, entity_id: str, *, quotes: int = 20, stories: int = 20) -> dict[str, Any]:
    found = store.entities.get(entity_id)
    if found is None:
        raise NotFound(f"no entity with id {entity_id!r}")
    monthly = mentions_over_time(store, entity_id)
    peak = max((m["articles"] for m in monthly), default=0)
    return {"kind": "entity", "entity": found,
            "mentions_over_time": monthly,
            "chart": [{**m, "share": m["articles"] / peak if peak else 0.0} for m in monthly],
            "quotes": list(islice(store.quotes(speaker_ids={entity_id}), quotes)),
            "cooccurring": cooccurring(store, entity_id),
            "stories": list(store.stories.stories(entity_ids={entity_id}, limit=stories)),
            "events": _with_names(store, list(store.stories.events(entity_id=entity_id, limit=20)))}


def search(store: Store, *, q: str | None, since: str | None = None, until: str | None = None,
           source: str | None = None, entity: str | None = None, story_id: str | None = None,
           limit: int = 20, offset: int = 0) -> dict[str, Any]:
    since, until = iso_date(since, "from"), iso_date(until, "to")
    filters = {"q": q or "", "from": since, "to": until, "source": source, "entity": entity, "story_id": story_id}
    if not (q or "").strip():
        return {"kind": "search", "filters": filters, "query": "", "total": 0, "results": [],
                "page": _page(limit, offset, 0, 0)}
    entity_id: list[str] | None = None
    if entity:
        ids = store.entities.ids_for(entity)
        if not ids:
            return {"kind": "search", "filters": filters, "query": q, "total": 0, "results": [],
                    "page": _page(limit, offset, 0, 0)}
        entity_id = sorted(ids)
    try:
        found = run_search(store, q, since=since, until=until, source=source, entity_id=entity_id,
                           story_id=story_id, limit=limit, offset=offset)
    except ValueError as exc:
        raise BadRequest(f"q: {exc}") from None
    return {"kind": "search", "filters": filters, **found,
            "page": _page(limit, offset, found["total"], len(found["results"]))}
