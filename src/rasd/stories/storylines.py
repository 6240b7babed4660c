"""Storylines: stories linked over months and years by their recurring actors and topic.

A story that has just been made is compared with the storylines, and with the stories in
no storyline yet, that the index lists under its heaviest terms; it joins the closest
storyline when the score passes `storyline_threshold`, and its score with a storyline is
the best of the storyline's centroid and each of its stories (a storyline drifts: Sochi
2019 and Riyadh 2025 share little but each shares much with the story between them).
Two lone stories open a storyline together only at twice that score. Names and words count
equally, and words must agree at all, so that a shared city (Riyadh) or person (Witkoff in
Moscow, Witkoff in Muscat) is not enough; stories that share only places need
`storyline_place_factor` times the score.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rasd.record import digest
from rasd.settings import Settings
from rasd.arabic.lexicon import OUTLET_NOUNS, load
from rasd.arabic.normalize import normalize
from rasd.stories.terms import Vector, add, content_term, keys, split

if TYPE_CHECKING:
    from rasd.store.base import StoryGist, StoryStore

NAME_WEIGHT = 0.5
MIN_TOPIC = 0.05  # word cosine below which two stories are about different things
NEW_STORYLINE = 2.0  # two lone stories open a storyline only at twice the joining score
OUTLET_NAMES = frozenset(load("outlet_names"))
MAX_ACTORS = 4  # principal actors kept per story
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


def outlet_ids(names: Mapping[str, str], sources: Iterable[str]) -> set[str]:
    """The entities (id -> name) that are news outlets: a known outlet's name, one of the
    story's sources, or a name headed by صحيفة، وكالة …: they relay a story, they are not in it."""
    known = set(OUTLET_NAMES) | {normalize(s) for s in sources if s}
    out = set()
    for entity_id, name in names.items():
        name = normalize(name)
        head, _, rest = name.partition(" ")
        if name in known or name.removeprefix("ال") in known or head in OUTLET_NOUNS or rest in known:
            out.add(entity_id)
    return out


def principal_actors(counts: list[Mapping[str, int]], outlets: Container[str], k: int = MAX_ACTORS) -> list[str]:
    """A story's principal actors: the people and bodies ("e:" terms) that most of its articles
    name (a one-article story: those it names twice), outlets never; at most `k`, most named first."""
    present: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for article in counts:
        for term, n in article.items():
            if term[:2] in ("e:", "l:") and term[2:] not in outlets:
                present[term] += 1
                total[term] += n
    need = 2 if len(counts) == 1 else max(2, math.ceil(len(counts) / 2))
    ranked = sorted(present, key=lambda t: (-present[t], -total[t], t))
    return [t for t in ranked if (total[t] if len(counts) == 1 else present[t]) >= need][:k]


def link(table: StoryStore, story: dict, settings: Settings) -> int | None:
    """Put the story in a storyline if one fits; return the storyline's number. A storyline
    needs a principal actor shared with one of its stories, a topic in common, and stories on
    more than one day (two stories of one day are one happening split, not a storyline)."""
    if story["storyline_num"]:
        return story["storyline_num"]
    actors = set(story["actors"])
    if not actors:
        return None
    centroid, terms, limit = story["centroid"], keys(story["centroid"], settings.story_keys), settings.story_candidates
    mine = split_story(centroid)
    in_names = _name_terms(table.entity_names(sorted(a[2:] for a in actors)).values())
    subject = title_subject(story.get("title"), centroid, in_names)

    def same_subject(gist: StoryGist) -> bool:
        """Within a month an actor is in the news for many things (a club's friendly, transfer and
        fine): their headlines must share what the stories are about; a year apart, the same
        actors and topic are the storyline (the summit of 2018 and the talks of 2021)."""
        if _days_apart(story["first"], gist.first) >= settings.storyline_subject_days:
            return True
        return bool(subject & title_subject(gist.title, gist.centroid, in_names))

    best: tuple[float, str, int] = (settings.storyline_threshold, "", 0)
    lines = table.storyline_candidates(terms, limit)
    latest = table.latest_stories([num for num, _ in lines], RECENT_STORIES)
    for num, other in lines:
        sharing = [g for g in latest.get(num, []) if actors.intersection(g.actors) and same_subject(g)]
        if sharing:
            discount = _place_discount(actors, [g.actors for g in sharing], settings)
            best = max(best, (max([score(mine, other), *(score(mine, g.centroid) for g in sharing)]) / discount,
                              "storyline", num))
    for gist in table.lone_story_candidates(terms, story["num"], limit):
        if gist.first != story["first"] and actors.intersection(gist.actors) and same_subject(gist):
            similarity = score(mine, gist.centroid) / _place_discount(actors, [gist.actors], settings)
            if similarity >= NEW_STORYLINE * settings.storyline_threshold:
                best = max(best, (similarity, "story", gist.num))
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


def title_subject(title: str | None, centroid: Mapping[str, float], in_names: Container[str]) -> set[str]:
    """What a story's headline says it is about: its words that weigh in the story, not numbers,
    not words of its actors' names (Chelsea's friendly and Chelsea's transfer share only Chelsea)."""
    return {t for _, t in _title_terms(title) if t and t[0] != "#" and t in centroid and t not in in_names}


def _title_terms(title: str | None) -> Iterator[tuple[str, str | None]]:
    """Each word of a headline as written, with its story term."""
    for raw in re.findall(r"\w+", title or ""):
        yield raw, content_term(normalize(raw))


def _name_terms(names: Iterable[str]) -> set[str]:
    """The story terms of the words of these names."""
    return {content_term(w) for name in names for w in normalize(name).split()}


def _days_apart(first: str | None, other: str | None) -> int:
    if not first or not other:
        return 0
    return abs((date.fromisoformat(first) - date.fromisoformat(other)).days)


def _place_discount(actors: set[str], others: list[list[str]], settings: Settings) -> float:
    """How much harder a link is when the stories share only places: a city or a country is
    where many unrelated stories happen (Jeddah's fires, clinics and book fair), a person or a
    body is who a storyline is about."""
    shared = {a for other in others for a in actors.intersection(other)}
    return settings.storyline_place_factor if all(a.startswith("l:") for a in shared) else 1.0


def _join(table: StoryStore, story_num: int, storyline_num: int, centroid: Vector, settings: Settings) -> None:
    """Put a story in a storyline and add its centroid to the storyline's."""
    total = add(table.storyline_centroid(storyline_num), centroid, settings.story_terms)
    table.join_storyline(story_num, storyline_num, total, keys(total, settings.story_keys))


def label(table: StoryStore, storyline_num: int, actors: int = 3, words: int = 2) -> str:
    """The storyline's principal actors (those of most of its stories first), by name, then
    its topic: the words most of its stories weigh, as its titles write them."""
    stories = table.storyline_stories(storyline_num)
    named: Counter[str] = Counter()
    topic: Counter[str] = Counter()
    weight: dict[str, float] = {}
    for story in stories:
        named.update(story["actors"])
        for term, w in split(story["centroid"])[1].items():
            if not term.startswith("#"):
                topic[term] += 1
                weight[term] = weight.get(term, 0.0) + w
    # people and bodies before places named as often
    ranked = [t[2:] for t, _ in sorted(named.items(), key=lambda tn: (-tn[1], tn[0].startswith("l:"), tn[0]))]
    names = table.entity_names(ranked[: actors * 2])
    picked = [names[e] for e in ranked if e in names][:actors]
    in_names = _name_terms(picked)
    common = sorted((t for t, n in topic.items() if n >= 2 and t not in in_names),
                    key=lambda t: (-topic[t], -weight[t], t))
    spelled = _as_written(common, [s["title"] or "" for s in stories])[:words]
    head = "، ".join(picked)
    tail = " ".join(spelled)
    return f"{head} — {tail}" if head and tail else head or tail or (stories[0]["title"] or "")


def _as_written(terms: list[str], titles: list[str]) -> list[str]:
    """The terms the titles write, each as they most often write it (الاتفاق، not اتفاق)."""
    seen: dict[str, Counter[str]] = {t: Counter() for t in terms}
    for title in titles:
        for raw, term in _title_terms(title):
            if term in seen:
                seen[term][raw] += 1
    return [seen[t].most_common(1)[0][0] for t in terms if seen[t]]
