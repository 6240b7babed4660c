"""Tokens as ANERcorp has them: words with their clitics, punctuation split off, numbers whole.

Spans are (start, end) offsets into the original text, so entity spans found on tokens map back
to the article without any re-alignment.
"""

from __future__ import annotations

import re

# Digits (ASCII, Arabic-Indic, Eastern) with inner separators: 4.5, 2,000, 12/5/2024, 10:30, ٣٫٥.
_NUMBER = r"[0-9٠-٩۰-۹]+(?:[.,٫٬:/\-][0-9٠-٩۰-۹]+)*%?"
# Letters and digits plus the combining marks (harakat, shadda, superscript alef) and tatweel
# that \w does not match, so a vocalised word stays one token.
_WORD = r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+"
# Anything else is punctuation: one token per run of the same mark ("..." or "--" stay whole).
_PUNCT = r"([^\s\w])\1*"
_TOKEN = re.compile(f"{_NUMBER}(?![\\w])|{_WORD}|{_PUNCT}")
# Sentence ends for tagging: short sequences keep the tagger fast and its context local.
_SENTENCE_END = re.compile(r"^(?:\.+|[؟?!]+|…)$")


def tokens(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of `text`."""
    return [m.span() for m in _TOKEN.finditer(text)]


def sentences(text: str) -> list[list[tuple[int, int]]]:
    """Token spans grouped into sentences: a break after . ؟ ! and at every line break."""
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in tokens(text):
        if current and "\n" in text[current[-1][1]:start]:
            groups.append(current)
            current = []
        current.append((start, end))
        if _SENTENCE_END.match(text[start:end]):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups
