"""One name, one label within a document.

News articles name someone in full once (الرئيس جاك شيراك) and then by the family name or with a
clitic (شيراك, وشيراك, لشيراك). A sentence-level CRF sees each mention on its own and misses some.
So the names the CRF tagged with confidence (every token's marginal probability of its tag at least
`CONFIDENT`) are collected per document, and each later or earlier mention left O is tagged too:
the whole name, and for a person of two or more words the family name on its own. Mentions match on
normalised words, the first word with or without its proclitics (و ف ب ل ك, `rasd.arabic.lexicon`).
Only O tokens change: the CRF's own entities are never overruled.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from rasd.arabic.lexicon import STOPWORDS, proclitic_forms, split_proclitics
from rasd.arabic.normalize import normalize
from rasd.understand.ner.conll import entities

CONFIDENT = 0.8  # dev, documents of 15 sentences: 0.7 +0.0053, 0.8 +0.0046, 0.9 +0.0037, 0.95 +0.0015
MIN_LETTERS = 3  # a shorter family name (لي, دي) is too often a word of its own

Names = dict[tuple[str, ...], Counter]

_normalize = lru_cache(maxsize=1 << 16)(normalize)  # every token of a document is looked at: words recur


def _key(tokens: list[str]) -> tuple[str, ...]:
    """Normalised words of a mention, the first without its proclitics (ولبنان, للأمم → لبنان, الامم)."""
    words = [normalize(t) for t in tokens]
    words[0] = split_proclitics(words[0])[1]
    return tuple(words)


def confident_names(tokens: list[str], tags: list[str], marginal: Callable[[str, int], float],
                    threshold: float, names: Names) -> None:
    """Add the sentence's confidently tagged names (and family names of persons) to `names`."""
    for label, first, last in entities(tags):
        if min(marginal(tags[i], i) for i in range(first, last + 1)) < threshold:
            continue
        names.setdefault(_key(tokens[first : last + 1]), Counter())[label] += 1
        if label == "PER" and last > first:
            family = _key([tokens[last]])
            if len(family[0]) >= MIN_LETTERS and family[0] not in STOPWORDS:
                names.setdefault(family, Counter())[label] += 1


def propagate(document: list[list[str]], tags: list[list[str]], names: Names) -> list[list[str]]:
    """Tag the O mentions of `names` in the document, longest first; ambiguous names are left alone."""
    labels = {}
    lengths: dict[str, set[int]] = {}  # first word -> the lengths of the names that start with it
    for key, votes in names.items():
        (label, n), *rest = votes.most_common(2)
        if not rest or rest[0][1] < n:
            labels[key] = label
            lengths.setdefault(key[0], set()).add(len(key))
    out = []
    for tokens, sent in zip(document, tags):
        sent = list(sent)
        norms = [_normalize(t) for t in tokens]
        i = 0
        while i < len(tokens):
            found = 0
            # the first word may carry proclitics; the forms without them are tried in turn, and the
            # document's names decide (لباريس is ل + باريس when باريس is a name here, لبنان stays)
            first = next((f for f in proclitic_forms(norms[i]) if f in lengths), "") if sent[i] == "O" else ""
            for n in sorted(lengths.get(first, ()), reverse=True):
                if i + n <= len(tokens) and all(t == "O" for t in sent[i : i + n]):
                    label = labels.get((first, *norms[i + 1 : i + n]))
                    if label:
                        sent[i : i + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 1)
                        found = n
                        break
            i += found or 1
        out.append(sent)
    return out
