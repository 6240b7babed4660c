"""Snippets: a passage of the stored text with the query's matches marked, as segments.

A word matches when one of its index forms is a query term: the same test the index
applies, made on the original characters, so what is marked is exactly what was written
(diacritics, hamza, clitics and all). The result is plain text in pieces,
[{"text": str, "match": bool}, ...]; the web layer escapes it and decides the markup.

Words are only examined where a term may be: a regular expression of the terms, letters
widened to every spelling that normalises to them and diacritics allowed between them,
finds the places in the raw text first (the text of an article is read once, in C).
"""

from __future__ import annotations

import re

from rasd.arabic.normalize import normalize
from rasd.arabic.tokens import RAW_WORD as _RAW_WORD
from rasd.arabic.tokens import SPELLINGS, raw_words

WIDTH = 240  # characters of a snippet, about 40 words
LEAD = 60  # characters before the first match
_MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*"
# Raw characters by the character they normalise to (the inverse of rasd.arabic.normalize).
_SPELLED: dict[str, set[str]] = {}
for _c in [chr(i) for i in range(0x0600, 0x0700)] + [chr(0x0660 + i) for i in range(10)] + ["\u06a9", "\u06cc"]:
    _n = normalize(_c)
    if len(_n) == 1 and _n != _c:
        _SPELLED.setdefault(_n, set()).add(_c)


class Matcher:
    """Finds the words of a text that the query terms match."""

    def __init__(self, terms: set[str]) -> None:
        self.terms = terms
        spelt = {t.replace(form, variant) for t in terms for variant, form in SPELLINGS if form in t}
        parts = sorted({_pattern(t) for t in terms | spelt if t}, key=len, reverse=True)
        self.scan = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def spans(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        """(start, end, terms matched) of each matching word, in text order."""
        if not text or self.scan is None:
            return []
        out: list[tuple[int, int, frozenset[str]]] = []
        last = -1
        for hit in self.scan.finditer(text):
            start = hit.start()
            while start > 0 and _RAW_WORD.fullmatch(text[start - 1]):
                start -= 1
            if start <= last:
                continue
            word = _RAW_WORD.match(text, start)
            if word is None:
                continue
            for s, e, forms in raw_words(word.group()):
                found = self.terms.intersection(forms)
                if found:
                    out.append((start + s, start + e, frozenset(found)))
            last = word.end() - 1
        return out


def _pattern(term: str) -> str:
    return _MARKS.join("[" + re.escape(c) + "".join(re.escape(x) for x in sorted(_SPELLED.get(c, ()))) + "]"
                       for c in term)


def segments(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> list[dict]:
    end = len(text) if end is None else end
    out: list[dict] = []
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        if s > pos:
            out.append({"text": text[pos:s], "match": False})
        out.append({"text": text[s:e], "match": True})
        pos = e
    if pos < end:
        out.append({"text": text[pos:end], "match": False})
    return out


def snippet(text: str | None, matcher: Matcher, width: int = WIDTH) -> list[dict]:
    """About `width` characters of `text` around the passage with the most distinct
    matched terms (the first such), starting a little before its first match; "…" where
    the text is cut. With no match, the start of the text."""
    text = text or ""
    hits = matcher.spans(text)
    first = 0
    if hits:
        best = (0, 0)
        for i, (s, _, _) in enumerate(hits):
            inside = [h for h in hits[i:] if h[1] <= s + width - LEAD]
            score = (len(frozenset().union(*(h[2] for h in inside))), len(inside))
            if score > best:
                best, first = score, i
    start = _word_start(text, max(0, hits[first][0] - LEAD)) if hits else 0
    if hits and start > hits[first][0]:
        start = hits[first][0]
    end = _word_end(text, min(len(text), start + width))
    out = segments(text, [(s, e) for s, e, _ in hits], start, end)
    if out and not out[0]["match"]:
        out[0]["text"] = out[0]["text"].lstrip()
    if start > 0:
        out.insert(0, {"text": "… ", "match": False})
    if end < len(text):
        if out and not out[-1]["match"]:
            out[-1]["text"] = out[-1]["text"].rstrip()
        out.append({"text": " …", "match": False})
    return [s for s in out if s["text"]]


def _word_start(text: str, i: int) -> int:
    """`i`, or the start of the next word when `i` falls inside one."""
    if i == 0 or not _RAW_WORD.fullmatch(text[i - 1:i + 1] or " "):
        return i
    m = re.compile(r"\s").search(text, i)
    return m.end() if m else i


def _word_end(text: str, i: int) -> int:
    """`i`, or the end of the last word before it when `i` falls inside one."""
    if i >= len(text) or not _RAW_WORD.fullmatch(text[i - 1:i + 1]):
        return i
    cut = text.rfind(" ", 0, i)
    return cut if cut > 0 else i
