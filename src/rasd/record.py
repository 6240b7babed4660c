"""The one record that flows through every stage.

A reader makes one `Article` per page (its `text` or `html` is the whole page); the
segmenter splits it into one `Article` per story printed on the page; later stages only
add to it. A page that cannot be read keeps flowing as an `Article` with `error` set, so
that the writer can put it in the errors table: nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class Fingerprint:
    """What deduplication needs to know about an article's text."""

    text_hash: str  # digest of the normalised text: equal hashes are exact duplicates
    shingles: int  # how many distinct shingles the text has (for containment)
    minhash: bytes  # MinHash signature, uint32 little-endian
    bands: list[int]  # LSH band keys of the signature


@dataclass(slots=True)
class Article:
    page: str  # the page's id: input id, else file name without extension
    path: str  # where the page came from: a file, "file:line" or "file#record"
    text: str = ""  # reader: the whole page as text; after clean: the article body
    html: str | None = None  # raw HTML, until the extractor turns it into text
    page_index: int = 0  # 0-based order of the article on its page
    page_articles: int = 1  # how many articles the page holds (the writer commits only after the last)
    page_key: str = ""  # digest of the page's id and content: re-ingest skips known keys
    id: str = ""  # set by the segmenter, stable: derived from page_key and page_index
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date
    genre: str | None = None  # "news", "opinion" or "analysis" where the page says so (rasd.clean.genre)
    duplicate_of: str | None = None
    sources: list[str] = field(default_factory=list)
    story_id: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)  # happenings the article reports
    error: str | None = None  # why the page failed; set once, then the record is only carried
    fingerprint: Fingerprint | None = None
    story_words: dict[str, int] | None = None  # content-word counts, for the story assigner
    search_tokens: tuple[str, str] | None = None  # title and body as the search index stores them
    story_terms: dict[str, int] | None = None  # the term counts the story assigner weighed (stored for organising)
    story_vector: dict[str, float] | None = None  # the story assigner's TF-IDF vector, for the writer
    meta: dict[str, Any] = field(default_factory=dict)  # provenance of fields, dropped lines …

    @property
    def failed(self) -> bool:
        return self.error is not None

    def fail(self, reason: str) -> Article:
        self.error = reason
        return self

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        fp = values.get("fingerprint")
        if isinstance(fp, dict):
            values["fingerprint"] = Fingerprint(**fp)
        return cls(**values)


def digest(*parts: str | bytes, size: int = 16) -> str:
    """A short, stable hex digest of the parts (used for keys and ids)."""
    h = hashlib.blake2b(digest_size=size)
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\x1f")
    return h.hexdigest()
