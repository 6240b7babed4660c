"""Normalisation of Arabic text for matching only: stored text is never changed.

Folds the spelling variants that writers and outlets use interchangeably (hamza and alef
forms, alef maqsura, taa marbuta, diacritics, tatweel, Arabic-Indic digits, quote marks),
so that الأميركي and الامريكي, or ٢٠١٩ and 2019, compare equal.
"""

from __future__ import annotations

import re
import unicodedata

# Harakat, tanween, shadda, sukun, superscript alef and Quranic marks; tatweel.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "ى": "ي", "ئ": "ي", "ؤ": "و", "ة": "ه",
        "گ": "ك", "ک": "ك", "ی": "ي", "ې": "ي",
        # Arabic-Indic and Eastern Arabic-Indic digits
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        # punctuation variants
        "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'",
        "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
        "–": "-", "—": "-", "‐": "-", "‑": "-",
        "\u200c": None, "\u200d": None, "\u200e": None, "\u200f": None, "\ufeff": None,
        "\u00a0": " ",
    }
)

_WORD = re.compile(r"\w+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold variants for matching; lower-case Latin; collapse white space."""
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text).translate(_FOLD).lower()
    return _SPACES.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Normalised word tokens (letters and digits), punctuation dropped."""
    return _WORD.findall(normalize(text))


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic script (0.0 when there are no letters)."""
    letters = arabic = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc":
                arabic += 1
    return arabic / letters if letters else 0.0
