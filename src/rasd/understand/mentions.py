"""MentionTagger stage: named-entity mentions (PER, ORG, LOC) with offsets into the text.

The shipped model (rasd.understand.ner) is loaded on first use in each process, so a
worker pool does not have to pickle it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rasd.record import Article

TYPES = ("PER", "ORG", "LOC")


class MentionTagger:
    name = "ner"
    parallel = True

    def __init__(self) -> None:
        self._tagger = None

    def __getstate__(self) -> dict:
        return {}  # a fresh, unloaded tagger in each worker

    def __setstate__(self, state: dict) -> None:
        self._tagger = None

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                if self._tagger is None:
                    from rasd.understand.ner.tagger import NerTagger

                    self._tagger = NerTagger.load()
                article.entities = [
                    {"text": s.text, "start": s.start, "end": s.end, "type": s.label, "entity_id": None}
                    for s in self._tagger.spans(article.text) if s.label in TYPES
                ]
            yield article
