"""How much a story matters to an analyst opening the day: "top stories" sort by it.

Outlets weigh most (ten outlets reporting a happening is news; one outlet's ten follow-ups is
that outlet's interest), then how many articles (on a log scale: the 34th adds little), then
growth (the share of its articles from its latest day: a story still being reported, or new
today, ranks above one that has died down). A story made of columns and analyses only is
commentary, not a happening: it counts half. Pure: made from the story's member rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

COMMENT = frozenset({"opinion", "analysis"})
GROWTH_WEIGHT = 1.0  # a story all of whose articles are from its latest day gains one outlet's worth
COMMENT_ONLY = 0.5  # what a story of columns only keeps of its score


def importance(members: Iterable[Mapping[str, Any]]) -> float:
    """Outlets + log2(articles) + growth, halved for commentary only; 0 for no articles."""
    members = list(members)
    if not members:
        return 0.0
    outlets = len({m["source"] for m in members if m.get("source")}) or 1
    last = max((m["published"] for m in members if m.get("published")), default=None)
    growth = sum(1 for m in members if last and m.get("published") == last) / len(members)
    score = outlets + math.log2(len(members)) + GROWTH_WEIGHT * growth
    if all(m.get("genre") in COMMENT for m in members):
        score *= COMMENT_ONLY
    return round(score, 3)
