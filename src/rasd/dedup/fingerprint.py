"""Fingerprinter stage: normalised-text hash, shingles and MinHash signature per article."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable, Iterator

import numpy as np
from datasketch import MinHash

from rasd.arabic import normalize, words
from rasd.record import Article, Fingerprint, digest
from rasd.settings import Settings


def shingles(text: str, size: int) -> set[bytes]:
    """Distinct word n-grams of the normalised text (the whole text when it is shorter)."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def _hash32(data: bytes) -> int:
    # blake2b is faster than datasketch's default sha1 and as stable across processes.
    return struct.unpack("<I", hashlib.blake2b(data, digest_size=4).digest())[0]


def signature(grams: set[bytes], num_perm: int) -> np.ndarray:
    minhash = MinHash(num_perm=num_perm, seed=1, hashfunc=_hash32)
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype("<u4")


def band_keys(sig: np.ndarray, bands: int, rows: int) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in), for an SQLite index."""
    view = sig[: bands * rows].reshape(bands, rows)
    return [
        int.from_bytes(hashlib.blake2b(view[b].tobytes(), digest_size=8, person=b"band%04d" % b).digest(), "little", signed=True)
        for b in range(bands)
    ]


def similarity(sig_a: np.ndarray, n_a: int, sig_b: np.ndarray, n_b: int) -> tuple[float, float]:
    """Estimated Jaccard of A and B, and containment of A in B (the share of A's shingles in B).

    |A∩B| = J·(|A|+|B|)/(1+J), so containment follows from the Jaccard estimate and the
    set sizes: a shortened rewrite has a low Jaccard but a high containment in its source.
    Containment is one-way on purpose: a round-up that *contains* an earlier report plus
    stories of its own is not a copy of it, and must not be hidden behind it.
    """
    jaccard = float(np.mean(sig_a == sig_b))
    common = jaccard * (n_a + n_b) / (1 + jaccard)
    return jaccard, min(1.0, common / max(1, n_a))


class Fingerprinter:
    name = "fingerprint"
    parallel = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                s = self.settings
                grams = shingles(article.text, s.shingle_words)
                sig = signature(grams, s.num_perm)
                article.fingerprint = Fingerprint(
                    text_hash=digest(normalize(article.text)),
                    shingles=len(grams),
                    minhash=sig.tobytes(),
                    bands=band_keys(sig, s.minhash_bands, s.minhash_rows),
                )
            yield article
