"""NewsFANE Gold as extra PER/ORG/LOC training data in ANERcorp's shape.

NewsFANE Gold is a re-annotation of the ANERcorp text itself (same articles, hamza dropped, clitics
split off as separate tokens). Two consequences handled here:
- segments that share text with ANERcorp TEST (or with the dev slice while tuning) must be dropped,
  or the model would be trained on the sentences it is scored on;
- clitics are glued back (و الرسوم → والرسوم, مرافق نا → مرافقنا) because Rasd tokenises as ANERcorp does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.understand.ner.conll import Sentence, read

# Fine classes to ours (SOURCE.md's ACE-style mapping; GPE is LOC in ANERcorp). Group (العرب,
# المسلمين) is left out: ANERcorp does not tag peoples. Facilities and products are left out too:
# ANERcorp puts some of them in MISC, which NewsFANE cannot give us.
FINE_TO_COARSE = {
    **dict.fromkeys(
        "POLITICIAN ATHLETE ARTIST OTHER_PER RELIGIOUS_PER SCIENTIST BUSINESSPERSON POLICE LAWYER ENGINEER".split(),
        "PER",
    ),
    **dict.fromkeys(
        "GOVERNMENT NON-GOVERNMENTAL SPORTS MEDIA COMMERCIAL EDUCATIONAL MEDICAL-SCIENCE ENTERTAINMENT "
        "RELIGIOUS_ORG".split(),
        "ORG",
    ),
    **dict.fromkeys(
        "NATION POPULATION-CENTER STATE-OR-PROVINCE COUNTY-OR-DISTRICT GPE-CLUSTER CONTINENT WATER-BODY "
        "LAND-REGION-NATURAL CELESTIAL".split(),
        "LOC",
    ),
}
# Any other type name must map to O, including the ones conll.read would otherwise keep.
_ALL_O = {"PER": None, "PERS": None, "ORG": None, "LOC": None}

_PROCLITICS = {"و", "ف", "ب", "ل", "س", "ك"}
_ENCLITICS = {"ه", "ها", "هم", "هما", "هن", "نا", "ي", "ني", "كم", "كما", "كن", "ك"}
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]+$")


def rejoin(sentence: Sentence) -> Sentence:
    """Glue split clitics back onto their word; the word's tag wins."""
    tokens: list[str] = []
    tags: list[str] = []
    pending = ""  # proclitics waiting for their word
    for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
        word_before = bool(tokens) and not pending and _ARABIC_WORD.match(tokens[-1])
        if token in _ENCLITICS and word_before and not tag.startswith("B-"):
            tokens[-1] += token
            continue
        if token in _PROCLITICS and tag == "O":
            pending += token
            continue
        if pending.endswith("ل") and token.startswith("ال"):  # ل + ال is written لل
            token = token[1:]
        tokens.append(pending + token)
        tags.append(tag)
        pending = ""
    if pending:
        tokens.append(pending)
        tags.append("O")
    return Sentence(tokens, tags)


def _grams(tokens: Iterable[str], n: int = 4) -> set[tuple[str, ...]]:
    # Letters only, clitics joined and spelling folded, so both tokenisations give the same grams.
    text = "".join(normalize(t) for t in tokens if re.search(r"\w", t))
    letters = re.sub(r"[^\w]", "", text).replace("ء", "")
    return {tuple(letters[i : i + 6 * n]) for i in range(0, max(len(letters) - 6 * n, 0) + 1)}


def load(path: Path, exclude: list[Sentence], join_clitics: bool = True) -> list[Sentence]:
    """NewsFANE segments mapped to PER/ORG/LOC, minus any that share text with `exclude`."""
    extra = {**_ALL_O, **FINE_TO_COARSE}
    banned: set[tuple[str, ...]] = set()
    for s in exclude:
        banned |= _grams(s.tokens)
    kept = []
    for segment in read(path, extra):
        if _grams(segment.tokens) & banned:
            continue
        kept.append(rejoin(segment) if join_clitics else segment)
    return kept
