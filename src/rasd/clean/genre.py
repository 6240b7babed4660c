"""GenreMarker stage: whether an article is news, opinion or analysis, where the page says so.

An analyst reads a column differently from a report, and a column about the nuclear deal in
general is not part of the story of the day's meeting. The genre is taken only from what
the page states, in this order: the input's section (`section`/`genre` field, HTML
`article:section`), a label before the title ("رأي: …") or on the first line ("مقال رأي |
بقلم: …"), a byline or columnist's signature ("بقلم"، "يكتبه"، "لمراسلة الكاتب"), a URL path
segment (`/opinion/`, `/Articles/`). Nothing said, no genre (null), never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from rasd.arabic.lexicon import load
from rasd.arabic.normalize import normalize
from rasd.record import Article

GENRES: dict[str, frozenset[str]] = {
    genre: frozenset(load(f"{genre}_markers")) for genre in ("opinion", "analysis", "news")
}
# a column's byline on its first line, or its signature on the last ones
BYLINE = re.compile(r"^\W*(?:%s)\b" % "|".join(map(normalize, ("بقلم", "يكتبه", "تكتبه", "تحليل يكتبه"))))
SIGNATURE = re.compile("|".join(map(normalize, ("لمراسلة الكاتب", "لمراسلة الكاتبة", "للتواصل مع الكاتب"))))
LABEL = re.compile(r"^\W*([^:|\-–]{2,20}?)\s*[:|\-–]")  # "رأي: …", "مقال رأي | بقلم …"
ANALYSIS = normalize("تحليل")
HEAD_CHARS = 120  # where a label or byline is looked for
TAIL_CHARS = 300  # where a columnist's signature is looked for


class GenreMarker:
    name = "genre"
    parallel = True

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed and article.genre is None:
                article.genre, origin = genre_of(article)
                if article.genre:
                    article.meta["genre_from"] = origin
            yield article


def genre_of(article: Article) -> tuple[str | None, str]:
    """The genre the page states, and where it says so."""
    section = article.meta.get("section")
    if section and (genre := _named(normalize(section))):
        return genre, "section"
    title = normalize(article.title or "")
    head = normalize(article.text[:HEAD_CHARS])
    for text in (title, head):
        if (label := LABEL.match(text)) and (genre := _named(label.group(1), whole=True)) and genre != "news":
            return genre, "label"
    if BYLINE.match(head):
        return ("analysis" if head.lstrip(" -*").startswith(ANALYSIS) else "opinion"), "byline"
    if SIGNATURE.search(normalize(article.text[-TAIL_CHARS:])):
        return "opinion", "signature"
    if article.url:
        for segment in re.split(r"[/_.?=&]+", urlsplit(article.url).path.lower()):
            if (genre := _named(segment, whole=True)) and genre != "news":
                return genre, "url"
    return None, ""


def _named(text: str, whole: bool = False) -> str | None:
    """The genre `text` names: the whole of it (`whole`), else any of its words or word pairs."""
    text = text.strip()
    candidates = [text]
    if not whole:
        parts = re.split(r"[\s,/|>»«]+", text)
        candidates += parts + [" ".join(p) for p in zip(parts, parts[1:])]
    for genre in ("analysis", "opinion", "news"):  # "مقال تحليلي" is an analysis
        if any(c in GENRES[genre] for c in candidates):
            return genre
    return None
