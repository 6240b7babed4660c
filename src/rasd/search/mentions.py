"""What the search index knows of entities: an entity's mentions over time, its company."""

from __future__ import annotations

from typing import Any

from rasd.store.base import Backend


def mentions_over_time(store: Backend, entity_id: str) -> list[dict[str, Any]]:
    """Canonical articles mentioning the entity, per month of publication, oldest first;
    months without any between the first and the last are listed with 0. Undated articles
    are not counted."""
    counts = {m: n for m, n in store.search.entity_months(entity_id) if len(m) == 7}
    if not counts:
        return []
    out = []
    year, month = map(int, min(counts).split("-"))
    while (key := f"{year:04d}-{month:02d}") <= max(counts):
        out.append({"month": key, "articles": counts.get(key, 0)})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def cooccurring(store: Backend, entity_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """The entities mentioned most often in the same canonical articles as `entity_id`."""
    if not isinstance(limit, int) or limit < 1:
        raise ValueError("limit must be a positive integer")
    return store.search.cooccurring(entity_id, limit)
