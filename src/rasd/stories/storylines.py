"""Storylines: stories linked over months and years by their recurring actors and topic.

A story that has just been made is compared with the storylines, and with the stories in
no storyline yet, that the index lists under its heaviest terms; it joins the closest
storyline when the score passes `storyline_threshold`, and its score with a storyline is
the best of the storyline's centroid and each of its stories (a storyline drifts: Sochi
2019 and Riyadh 2025 share little but each shares much with the story between them).
Two lone stories open a storyline together only at twice that score. Names and words count
equally, and words must agree at all, so that a shared city (Riyadh) or person (Witkoff in
Moscow, Witkoff in Muscat) is not enough.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

from rasd.record import digest
from rasd.settings import Settings
from rasd.stories.terms import Vector, add, keys, split

if TYPE_CHECKING:
    from rasd.store.base import StoryStore

NAME_WEIGHT = 0.5
MIN_TOPIC = 0.05  # word cosine below which two stories are about different things
NEW_STORYLINE = 2.0  # two lone stories open a storyline only at twice the joining score
RECENT_STORIES = 10  # a storyline's latest stories that a new story is compared with one by one


class Split(NamedTuple):
    """A story's vector split into who and where (names) and what (words), with their norms."""

    names: Vector
    words: Vector
    names_norm: float
    words_norm: float
    terms: frozenset[str]


def split_story(vector: Vector) -> Split:
    names, words = split(vector)
    return Split(names, words, _norm(names), _norm(words), frozenset(vector))


def score(mine: Split, other: Vector) -> float:
    """Half who and where (entities), half what (words); nothing when the words do not agree
    at all, so that a shared city or person alone links nothing. `mine` is a story's vector
    already split (it is scored against many others). Most candidates share no word at all
    with it (they were found by a shared name): they are told apart before `other` is read."""
    name_dot = word_dot = 0.0
    for term in sorted(mine.terms & other.keys()):  # sorted: the same sum in every process
        if term[:2] in ("e:", "l:"):
            name_dot += other[term] * mine.names[term]
        else:
            word_dot += other[term] * mine.words[term]
    if not word_dot:
        return 0.0
    name_norm = word_norm = 0.0
    for term, weight in other.items():
        if term[:2] in ("e:", "l:"):
            name_norm += weight * weight
        else:
            word_norm += weight * weight
    topic = word_dot / (mine.words_norm * math.sqrt(word_norm))
    if topic < MIN_TOPIC:
        return 0.0
    return NAME_WEIGHT * (name_dot / (mine.names_norm * math.sqrt(name_norm)) if name_dot else 0.0) \
        + (1 - NAME_WEIGHT) * topic


def _norm(vec: Vector) -> float:
    return math.sqrt(sum(w * w for w in vec.values()))


def link(table: StoryStore, story: dict, settings: Settings) -> int | None:
    """Put the story in a storyline if one fits; return the storyline's number."""
    if story["storyline_num"]:
        return story["storyline_num"]
    centroid, terms, limit = story["centroid"], keys(story["centroid"], settings.story_keys), settings.story_candidates
    mine = split_story(centroid)
    best: tuple[float, str, int] = (settings.storyline_threshold, "", 0)
    lines = table.storyline_candidates(terms, limit)
    latest = table.latest_stories([num for num, _ in lines], RECENT_STORIES)
    for num, other in lines:
        members = [score(mine, centroid) for centroid in latest.get(num, [])]
        best = max(best, (max([score(mine, other), *members]), "storyline", num))
    for num, other in table.lone_story_candidates(terms, story["num"], limit):
        similarity = score(mine, other)
        if similarity >= NEW_STORYLINE * settings.storyline_threshold:
            best = max(best, (similarity, "story", num))
    _, kind, num = best
    if kind == "storyline":
        _join(table, story["num"], num, centroid, settings)
        return num
    if kind == "story":
        other = table.story(num)
        line = table.new_storyline(digest("storyline", other["id"], size=8))
        _join(table, num, line, other["centroid"], settings)
        _join(table, story["num"], line, centroid, settings)
        return line
    return None


def _join(table: StoryStore, story_num: int, storyline_num: int, centroid: Vector, settings: Settings) -> None:
    """Put a story in a storyline and add its centroid to the storyline's."""
    total = add(table.storyline_centroid(storyline_num), centroid, settings.story_terms)
    table.join_storyline(story_num, storyline_num, total, keys(total, settings.story_keys))


def label(table: StoryStore, storyline_num: int, actors: int = 3) -> str:
    """The storyline's most weighty actors, by name, in the order of their weight."""
    stories = table.storyline_stories(storyline_num)
    total: dict[str, float] = {}
    for story in stories:
        for term, weight in story["centroid"].items():
            if term.startswith("e:"):  # actors, not places
                total[term] = total.get(term, 0.0) + weight
    ranked = [t[2:] for t, _ in sorted(total.items(), key=lambda tw: (-tw[1], tw[0]))]
    names = table.entity_names(ranked[: actors * 2])
    picked = [names[e] for e in ranked if e in names][:actors]
    return "، ".join(picked) if picked else (stories[0]["title"] or "")
