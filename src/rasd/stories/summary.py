"""Extractive story summaries and representative headlines, made offline from the articles.

A sentence scores by its cosine with the story's centroid, with a small bonus for leading
an article (news puts the happening first). The best are taken greedily, skipping any too
like one already taken (the same wire sentence in several outlets), then put in time order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rasd.arabic.normalize import words
from rasd.arabic.text import dateline, sentences
from rasd.record import Article
from rasd.stories.terms import Vector, cosine

LEAD_BONUS = 0.1
REPEAT = 0.5  # cosine above which two sentences say the same thing
MIN_WORDS, MAX_WORDS = 6, 70
LEAD_SENTENCES = 3  # of each article, the ones a summary is taken from (news puts what matters first)
MAX_ARTICLES = 6


def summarise(members: Sequence[Mapping[str, Any]], centroid: Vector,
              vectorise: Callable[[list[Article]], list[Vector]], size: int = 3) -> list[str]:
    """Up to `size` sentences from the articles (dicts with `text`, in time order)."""
    units: list[tuple[int, int, str]] = []  # (article order, sentence order, text)
    for i, member in enumerate(members[:MAX_ARTICLES]):
        for j, (s, e) in enumerate(sentences(member["text"])[:LEAD_SENTENCES]):
            text = member["text"][s:e]
            if j == 0:  # "موسكو - (المرصد) -": a dateline says where, not what
                text = text[(dateline(text) or (0, ""))[0]:]
            if MIN_WORDS <= len(words(text)) <= MAX_WORDS:
                units.append((i, j, text))
    if not units:
        return []
    vectors = vectorise([Article(page="", path="", text=text) for _, _, text in units])
    scored = sorted(((cosine(v, centroid) + (LEAD_BONUS if j == 0 else 0.0), n)
                     for n, ((_, j, _), v) in enumerate(zip(units, vectors))), reverse=True)
    chosen: list[int] = []
    for _, n in scored:
        if all(cosine(vectors[n], vectors[c]) < REPEAT for c in chosen):
            chosen.append(n)
            if len(chosen) == size:
                break
    return [units[n][2] for n in sorted(chosen)]


def headline(members: Sequence[Mapping[str, Any]], vectors: Sequence[Vector], centroid: Vector) -> str | None:
    """The title of the article closest to the story's centroid (the earliest on a tie)."""
    best, best_score = None, -1.0
    for member, vector in zip(members, vectors):
        if member.get("title"):
            score = cosine(vector, centroid)
            if score > best_score + 1e-9:
                best, best_score = member["title"], score
    return best
