"""Sentences and clitics: units the understanding stages work on.

Spans are (start, end) character offsets into the original text, never copies of a
normalised string, so that what a stage finds can be shown highlighted in the source.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from rasd.arabic.normalize import normalize

# A sentence ends at . ! ? ؟ … (with closing quotes or brackets after it) followed by
# space, or at a paragraph break. Not after a lone letter ("د. محمد", "أ.ف.ب") and not
# inside a number ("4.5").
_SENTENCE_END = re.compile(r"(?<![\s.][^\W\d_])(?<!^[^\W\d_])[.!?؟…]+['\"»”’)\]]*(?=\s)|\n\s*\n")


_QUOTED = re.compile(r"«[^«»]{1,1500}»|“[^“”]{1,1500}”")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, white space trimmed, empty ones dropped. A quotation in « » or “ ”
    stays whole: the full stops inside it end the speaker's sentences, not the writer's."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]  # in order, not overlapping
    quote_starts = [s for s, _ in quoted]
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        k = bisect_left(quote_starts, m.start()) - 1  # the last quotation opened before this stop
        if m.group().strip() and k >= 0 and m.start() < quoted[k][1] - 1:
            continue
        spans.append((start, m.end() if m.group().strip() else m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


# Proclitics in the order they attach: conjunction, preposition, article. `لل` is ل + ال.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
MIN_STEM = 2


def stems(word: str) -> list[str]:
    """The word and what it may be without its proclitics (و ف ب ل ك ال), longest first.

    Whether a letter is a clitic cannot be told from the word alone (بوتين starts with ب),
    so this lists the candidates; callers keep the one a lexicon or the corpus knows.
    """
    word = normalize(word)
    found = [word]
    rest = word
    if rest[:1] in _CONJ and len(rest) - 1 >= MIN_STEM + 1:
        rest = rest[1:]
        found.append(rest)
    if rest.startswith("لل") and len(rest) - 2 >= MIN_STEM:
        found += ["ال" + rest[2:], rest[2:]]
        return _unique(found)
    if rest[:1] in _PREP and len(rest) - 1 >= MIN_STEM + 1:
        rest = rest[1:]
        found.append(rest)
    if rest.startswith("ال") and len(rest) - 2 >= MIN_STEM:
        found.append(rest[2:])
    return _unique(found)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
