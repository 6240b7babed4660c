"""Deduplicator stage: links each article to the canonical article it repeats, if any.

It asks the store, whose writer stores each article (and indexes its LSH bands when it
is canonical) before the next one is asked for: an article is compared with everything
before it, earlier articles of the same run included. The first article seen is the
canonical one, and a duplicate always points at a canonical.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from rasd.dedup.fingerprint import similarity
from rasd.record import Article
from rasd.settings import Settings
from rasd.store.base import DedupIndex


class Deduplicator:
    name = "dedup"
    parallel = False

    def __init__(self, index: DedupIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed and article.fingerprint:
                self._link(article)
            yield article

    def _link(self, article: Article) -> None:
        fp = article.fingerprint
        s = self.settings
        article.duplicate_of = self.index.exact_match(fp.text_hash)
        if article.duplicate_of:
            article.meta["duplicate"] = {"method": "exact"}
            return
        if fp.shingles >= s.min_shingles:
            best = self._nearest(fp.minhash, fp.shingles, fp.bands)
            if best:
                article.duplicate_of, article.meta["duplicate"] = best

    def _nearest(self, minhash: bytes, n: int, keys: list[int]) -> tuple[str, dict] | None:
        s = self.settings
        sig = np.frombuffer(minhash, dtype="<u4")
        best: tuple[float, str, dict] | None = None
        for candidate_id, n_other, other in self.index.candidates(keys):
            if n_other < s.min_shingles:
                continue
            jaccard, containment = similarity(sig, n, np.frombuffer(other, dtype="<u4"), n_other)
            if containment >= s.containment_threshold or (
                jaccard >= s.jaccard_threshold and containment >= s.jaccard_min_containment
            ):
                score = max(jaccard, containment)
                if best is None or score > best[0]:
                    evidence = {"method": "near", "jaccard": round(jaccard, 3), "containment": round(containment, 3)}
                    best = (score, candidate_id, evidence)
        return (best[1], best[2]) if best else None
