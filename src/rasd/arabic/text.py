"""Sentences: units the understanding stages work on (proclitics: `rasd.arabic.lexicon`).

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


# A dateline opens a wire story: where it was filed (one or two words), then the agency in
# brackets or between dashes: "هلسنكي - (المرصد) -", "جنيف (الساحل) -", "الرياض – واس –",
# "عمّان - ". A date after the dash ("الرياض – 2025-02-19") is not an agency.
_NAME = r"(?:[^\W\d_]|[\u064b-\u065f\u0670])+"  # letters and their diacritics ("عمّان")
_DASH = "[-–—]"
_DATELINE = re.compile(
    rf"\s*(?P<place>{_NAME}(?: {_NAME})?)"
    rf"(?:\s*(?:{_DASH}\s*)?\([^()\n]{{1,30}}\)"  # (agency)
    rf"|\s+{_DASH}\s(?:\s*{_NAME}\s*(?={_DASH}))?)"  # - or - agency -
    rf"[\s\-–—]*")


def dateline(text: str) -> tuple[int, str] | None:
    """(where the story proper starts, the place as written) of a text that opens with a
    dateline; None when it does not."""
    m = _DATELINE.match(text)
    return (m.end(), m.group("place")) if m else None
