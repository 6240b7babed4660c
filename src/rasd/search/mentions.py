"""What the article_entities table answers: an entity's mentions over time, its company."""

from __future__ import annotations

from typing import Any


def mentions_over_time(store, entity_id: str) -> list[dict[str, Any]]:
    """Canonical articles mentioning the entity, per month of publication, oldest first;
    months without any between the first and the last are listed with 0. Undated articles
    are not counted."""
    rows = store.db.execute(
        "SELECT substr(published, 1, 7) AS month, count(*) FROM article_entities"
        " WHERE entity_id = ? AND canonical = 1 AND published IS NOT NULL GROUP BY month ORDER BY month",
        (entity_id,)).fetchall()
    counts = {m: n for m, n in rows if len(m) == 7}
    if not counts:
        return []
    out = []
    year, month = map(int, min(counts).split("-"))
    while (key := f"{year:04d}-{month:02d}") <= max(counts):
        out.append({"month": key, "articles": counts.get(key, 0)})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def cooccurring(store, entity_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """The entities mentioned most often in the same canonical articles as `entity_id`."""
    if not isinstance(limit, int) or limit < 1:
        raise ValueError("limit must be a positive integer")
    rows = store.db.execute(  # counted first; names are looked up only for the top counts (and their ties)
        "WITH c AS MATERIALIZED (SELECT o.entity_id, count(*) AS n FROM article_entities x"
        " JOIN article_entities o ON o.article_num = x.article_num AND o.entity_id != x.entity_id"
        " WHERE x.entity_id = ? AND x.canonical = 1 GROUP BY o.entity_id)"
        " SELECT c.entity_id, e.name, e.type, c.n FROM c JOIN entities e ON e.id = c.entity_id"
        " WHERE c.n >= (SELECT min(n) FROM (SELECT n FROM c ORDER BY n DESC LIMIT ?))"
        " ORDER BY c.n DESC, e.name LIMIT ?", (entity_id, limit, limit))
    return [{"entity_id": r[0], "name": r[1], "type": r[2], "articles": r[3]} for r in rows]
