"""Article and story vectors: TF-IDF over content words and entities, as sparse dicts.

Terms are normalised words with the article (ال) and its clitic forms peeled off, minus
function words, plus one term per canonical entity the article mentions: "e:<id>" for actors (people and
organisations), "l:<id>" for places. Two reports of one happening share both their
vocabulary and their actors; a storyline is held together by its actors, not by a city. The IDF comes from
the store's running document counts, so a vector is made without the archive in memory.
"""

from __future__ import annotations

import math
from operator import itemgetter
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

from rasd.arabic.lexicon import ARTICLE, STOPWORDS, split_proclitics
from rasd.arabic.normalize import words
from rasd.record import Article

Vector = dict[str, float]


def word_counts(title: str | None, text: str) -> Counter[str]:
    """Content words of the title (counted twice: it says what happened) and body."""
    counts: Counter[str] = Counter()
    for part, weight in ((title or "", 2), (text, 1)):
        found = Counter(map(content_term, words(part)))
        found.pop(None, None)
        for term, n in found.items():
            counts[term] += n * weight
    return counts


_TERMS: dict[str, str | None] = {}  # word -> its term (None: not a content word); a word is worked out once


def content_term(word: str) -> str | None:
    term = _TERMS.get(word, "")
    if term != "":
        return term
    term = None
    if word.isdecimal():
        if len(word) > 1 and not word.startswith("0"):
            term = "#" + word
    elif word not in STOPWORDS:
        clitics, rest = split_proclitics(word, article=True)
        bare = rest if clitics.endswith(ARTICLE) else word  # the article peeled, with what is before it
        if len(bare) > 1 and bare not in STOPWORDS:
            term = bare
    if len(_TERMS) > 500_000:  # a bound on memory for endless streams of new words
        _TERMS.clear()
    _TERMS[word] = term
    return term


def term_counts(article: Article) -> Counter[str]:
    """The article's content words (from the StoryWords step when it ran) and canonical entities."""
    counts = Counter(article.story_words) if article.story_words is not None else word_counts(article.title, article.text)
    for mention in article.entities:
        if mention.get("entity_id"):
            counts[("l:" if mention["type"] == "LOC" else "e:") + mention["entity_id"]] += 1
    return counts


class StoryWords:
    """Counts an article's content words where the work is parallel, before the story
    assigner (which needs the store, and so one process) adds the entities and weighs them."""

    name = "story-words"
    parallel = True

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                article.story_words = dict(word_counts(article.title, article.text))
            yield article


def idf(df: int, n: int) -> float:
    """Smoothed IDF: defined from the first article on, when every term is new."""
    return math.log((n + 1) / (df + 1)) + 1.0


def weigh(counts: Mapping[str, int], df: Mapping[str, int], n: int) -> Vector:
    """Sublinear TF x IDF, unit length."""
    idfs: dict[int, float] = {}  # most terms share a few small document counts
    vec = {}
    for t, c in counts.items():
        if c > 0:
            d = df.get(t, 0)
            w = idfs.get(d)
            if w is None:
                w = idfs[d] = idf(d, n)
            vec[t] = (1.0 + math.log(c)) * w
    return unit(vec)


def unit(vec: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {t: w / norm for t, w in vec.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum([w * b[t] for t, w in a.items() if t in b])


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two vectors (unit length is not assumed)."""
    product = dot(a, b)
    if not product:
        return 0.0
    return product / (math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values())))


def add(total: Mapping[str, float], vec: Mapping[str, float], keep: int) -> Vector:
    """The sum of two vectors, with only the `keep` heaviest terms kept."""
    out = dict(total)
    for t, w in vec.items():
        out[t] = out.get(t, 0.0) + w
    return top(out, keep)


def top(vec: Mapping[str, float], k: int) -> Vector:
    """The k heaviest terms, heaviest first, equal weights in term order."""
    ranked = sorted(vec.items())  # by term; then by weight, a stable sort keeping term order on ties
    ranked.sort(key=itemgetter(1), reverse=True)
    return dict(ranked[:k])


def split(vec: Mapping[str, float]) -> tuple[Vector, Vector]:
    """The entity part of a vector (actors and places) and its word part."""
    names: Vector = {}
    rest: Vector = {}
    for t, w in vec.items():
        (names if t[:2] in ("e:", "l:") else rest)[t] = w
    return names, rest


def keys(vec: Mapping[str, float], k: int) -> list[str]:
    """The terms an index lists a vector under: its k heaviest."""
    return list(top(vec, k))

