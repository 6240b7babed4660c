"""What is made from a story's articles as a whole: headline, summary, events, storyline.

Runs after an ingest over the stories it changed (marked `dirty` in the store), so the
archive is never recomputed. Each story is made in the store's transaction and marked
clean with it; a run killed half-way leaves the rest (and the storylines it changed, whose
labels are made last) dirty for the next run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from rasd.record import Article, digest
from rasd.settings import Settings
from rasd.stories.events import merge_events
from rasd.stories.storylines import label, link
from rasd.stories.summary import headline, summarise
from rasd.stories.terms import Vector, keys, term_counts, top, weigh

if TYPE_CHECKING:
    from rasd.store import Store

COMMIT_EVERY = 200  # stories per transaction
MAX_MEMBERS = 12  # a story's earliest originals that its centroid, headline and summary are made from


def organise(store: Store, settings: Settings) -> Counter[str]:
    table, counts = store.stories, Counter()
    vectorise = _vectoriser(table)
    try:
        for i, num in enumerate(table.dirty()):
            if i % COMMIT_EVERY == 0:
                store.commit()
                store.begin()
            story = table.story(num)
            members = table.members(story["id"])
            canonical = ([m for m in members if not m["duplicate_of"]] or members)[:MAX_MEMBERS]
            vectors = _weigh(table, [m["terms"] or term_counts(_article(m)) for m in canonical])
            # re-weighed with today's IDF: what an early article made rare may be common now
            story["centroid"] = sum_of(vectors, settings.story_terms)
            table.set_centroid(num, story["centroid"], keys(story["centroid"], settings.story_keys))
            events = _events(story["id"], members)
            table.set_made(num, headline(canonical, vectors, story["centroid"]),
                           summarise(canonical, story["centroid"], vectorise), events)
            link(table, story, settings)  # marks the storyline for a new label
            counts["stories_made"] += 1
            counts["events"] += len(events)
        for line in table.dirty_storylines():
            table.set_label(line, label(table, line))
        store.commit()
    finally:
        store.rollback()
    return counts


def sum_of(vectors: list[Vector], keep: int) -> Vector:
    total: Vector = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    return top(total, keep)


def _article(member: dict) -> Article:
    return Article(page="", path="", text=member["text"], title=member.get("title"), entities=member.get("entities", []))


def _vectoriser(table):
    def vectorise(articles: list[Article]) -> list[Vector]:
        return _weigh(table, [term_counts(a) for a in articles])
    return vectorise


def _weigh(table, counts: list[Mapping[str, int]]) -> list[Vector]:
    """Vectors from term counts, with today's document counts."""
    df, n = table.df(sorted({t for c in counts for t in c}))
    return [weigh(c, df, n) for c in counts]


def _events(story_id: str, members: list[dict]) -> list[dict]:
    merged = merge_events([(m["id"], e) for m in members for e in m["events"]])
    for event in merged:
        event["id"] = digest("event", story_id, event["type"], event.get("date") or "",
                             *event.get("participants", []), size=8)
    return merged
