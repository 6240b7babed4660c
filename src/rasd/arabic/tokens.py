"""The token stream the search index holds: normalised words and their clitic-free stems.

Each word of a title or body is indexed as every form `rasd.arabic.lexicon.proclitic_forms` gives for it
(والرئيس → والرييس الرييس رييس), after the pipeline's normalisation (hamza and alef forms,
alef maqsura, taa marbuta, diacritics, tatweel, digits). A query word is then looked up as
one of its own forms (see `rasd.search.query`), so والرئيس, بالرئيس, للرئيس, الرئيس and رئيس
all meet. No suffix is removed: الرئيسي (main) is a word of its own, not رئيس (president).

The stream is plain words separated by spaces, for an FTS5 table with the `ascii`
tokenizer (every non-ASCII character is a token character): the splitting is done here,
once, and the same way for articles, queries and snippets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from rasd.arabic.lexicon import proclitic_forms
from rasd.arabic.normalize import normalize

# A word after normalisation: letters and digits (underscore is not a word character here).
_WORD = re.compile(r"[^\W_]+")
# A word in the original text, with the diacritics and tatweel that normalisation removes.
RAW_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")
MAX_WORD = 40  # longer "words" (URLs run together, base64 …) are not indexed
# Spellings of one word that normalisation does not fold because the letters differ in
# order, not in form: أميركي/أمريكي (and أميركا, الأميركيين …). Searched as one.
SPELLINGS = (("اميرك", "امريك"),)


def words(text: str) -> list[str]:
    """Normalised words of `text`."""
    return [_spelling(w) for w in _WORD.findall(normalize(text)) if len(w) <= MAX_WORD]


def _spelling(word: str) -> str:
    for variant, form in SPELLINGS:
        if variant in word:
            word = word.replace(variant, form)
    return word


@lru_cache(maxsize=1 << 17)
def forms(word: str) -> tuple[str, ...]:
    """A normalised word and its clitic-free forms, longest first (a pure function: the
    cache only saves time on the words every article repeats)."""
    return tuple(f for f in proclitic_forms(word) if _WORD.fullmatch(f))


def index_text(text: str | None) -> str:
    """The token stream of a title or body, for the FTS5 index."""
    if not text:
        return ""
    return " ".join(f for w in words(text) for f in forms(w))


def raw_words(text: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """(start, end, forms) of each word of the original `text`: offsets into it, and every
    index form of the word (for marking matches in the stored text)."""
    for m in RAW_WORD.finditer(text):
        found = _raw_forms(m.group())
        if found:
            yield m.start(), m.end(), found


@lru_cache(maxsize=1 << 17)
def _raw_forms(raw: str) -> tuple[str, ...]:
    return tuple(f for w in words(raw) for f in forms(w))
