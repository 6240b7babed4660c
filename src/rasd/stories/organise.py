"""What is made from a story's articles as a whole: headline, summary, events, importance, storyline.

Runs after an ingest over the stories it changed (marked `dirty` in the store), so the
archive is never recomputed. Each story is made in the store's transaction and marked
clean with it; a run killed half-way leaves the rest (and the storylines it changed, whose
labels are made last) dirty for the next run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rasd.record import Article, digest
from rasd.settings import Settings
from rasd.stories.events import merge_events
from rasd.stories.importance import importance
from rasd.stories.storylines import label, link, outlet_ids, principal_actors
from rasd.stories.summary import MAX_ARTICLES, headline, summarise
from rasd.stories.terms import Vector, keys, term_counts, top, weigh

if TYPE_CHECKING:
    from rasd.step import Executor
    from rasd.store import Store
    from rasd.store.base import StoryStore

COMMIT_EVERY = 200  # stories per transaction
MAX_MEMBERS = 12  # a story's earliest originals that its centroid, headline and summary are made from


@dataclass(slots=True)
class StoryDraft:
    """What making one story needs, read from the store: plain data, made anywhere."""

    num: int
    story_id: str
    canonical: list[dict[str, Any]]  # its earliest originals: title, text (the first few only)
    counts: list[Mapping[str, int]]  # their story term counts
    events: list[tuple[str, dict]]  # (article id, event) of every member, duplicates included
    df: dict[str, int]  # document counts of every term above, today
    n: int  # articles counted
    keep: int  # terms a centroid keeps
    importance: float  # of the story as it stands (rasd.stories.importance)
    actors: list[str]  # its principal actors (rasd.stories.storylines.principal_actors)


@dataclass(slots=True)
class MadeStory:
    num: int
    centroid: Vector
    title: str | None
    summary: list[str]
    events: list[dict]
    importance: float
    actors: list[str]


def organise(store: Store, settings: Settings, executor: Executor | None = None) -> Counter[str]:
    """Make every story the run changed (in the executor's workers when given: reading
    and writing stay here, in order), link it into a storyline, then label the storylines."""
    table, counts = store.stories, Counter()
    drafts = (_draft(table, num, settings) for num in table.dirty())
    try:
        for i, made in enumerate(executor.map(make_story, drafts) if executor else map(make_story, drafts)):
            if i % COMMIT_EVERY == 0:
                store.commit()
                store.begin()
            story = table.story(made.num)  # read now: linking an earlier story may have changed it
            story["centroid"] = made.centroid
            table.set_centroid(made.num, made.centroid, keys(made.centroid, settings.story_keys))
            table.set_made(made.num, made.title, made.summary, made.events, made.importance, made.actors)
            story["actors"], story["title"] = made.actors, made.title
            link(table, story, settings)  # marks the storyline for a new label
            counts["stories_made"] += 1
            counts["events"] += len(made.events)
        for line in table.dirty_storylines():
            table.set_label(line, label(table, line))
        store.commit()
    finally:
        store.rollback()
    return counts


def _draft(table: StoryStore, num: int, settings: Settings) -> StoryDraft:
    story = table.story(num)
    members = table.members(story["id"])
    canonical = ([m for m in members if not m["duplicate_of"]] or members)[:MAX_MEMBERS]
    counts = [m["terms"] or term_counts(_article(m)) for m in canonical]
    df, n = table.df(sorted({t for c in counts for t in c}))  # a summary's sentences use no other terms
    shown = [{"title": m["title"], "text": m["text"] if k < MAX_ARTICLES else ""} for k, m in enumerate(canonical)]
    named = table.entity_names(sorted({t[2:] for c in counts for t in c if t.startswith("e:")}))
    actors = principal_actors(counts, outlet_ids(named, {m["source"] for m in members}))
    return StoryDraft(num, story["id"], shown, counts, [(m["id"], e) for m in members for e in m["events"]],
                      df, n, settings.story_terms, importance(members), actors)


def make_story(draft: StoryDraft) -> MadeStory:
    """Centroid (re-weighed with today's IDF: what an early article made rare may be common
    now), headline, summary and merged events of one story. Pure."""
    def vectorise(articles: list[Article]) -> list[Vector]:
        return [weigh(term_counts(a), draft.df, draft.n) for a in articles]

    vectors = [weigh(c, draft.df, draft.n) for c in draft.counts]
    centroid = sum_of(vectors, draft.keep)
    return MadeStory(draft.num, centroid, headline(draft.canonical, vectors, centroid),
                     summarise(draft.canonical, centroid, vectorise), _events(draft.story_id, draft.events),
                     draft.importance, draft.actors)


def sum_of(vectors: list[Vector], keep: int) -> Vector:
    total: Vector = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0.0) + weight
    return top(total, keep)


def _article(member: dict) -> Article:
    return Article(page="", path="", text=member["text"], title=member.get("title"), entities=member.get("entities", []))


def _events(story_id: str, found: list[tuple[str, dict]]) -> list[dict]:
    merged = merge_events(found)
    for event in merged:
        event["id"] = digest("event", story_id, event["type"], event.get("date") or "",
                             *event.get("participants", []), size=8)
    return merged
