"""WikiFANE Gold (Arabic Wikipedia, 50 fine classes) mapped to PER/ORG/LOC/MISC.

The shipped model uses it as lexicon counts with WikiFANE's own tokens (`join_clitics=False`), and
its entity names in the gazetteer; as training sentences it needs ANERcorp's shape. WikiFANE's text
differs from news as ANERcorp tokenises it in two ways, both undone here when asked:
- clitics are split off as tokens (و تعتبر, عاصمة ها, ل جنوب): glued back with `newsfane.rejoin`
  (a proclitic before an entity joins the entity, as ANERcorp tags لجنوب whole), with ة → ت before
  a pronoun (عاصمة ها → عاصمتها);
- hamza forms are folded to ا and ى to ي: each word gets back the spelling it most often has in
  ANERcorp train when ANERcorp has it (most features read the normalised form anyway; this only
  matters for the surface-form feature).
"""

from __future__ import annotations

import gzip
import tempfile
from collections import Counter
from pathlib import Path

import newsfane

from rasd.understand.ner.conll import Sentence, read

FILE = "WikiFANE_Gold_2014_500K.filtered.txt.gz"

# Fine classes to ours. PER, ORG and LOC as for NewsFANE (newsfane.FINE_TO_COARSE: GPE and natural
# places are LOC). Products and artefacts (books, films, songs, software, hardware, vehicles, weapons,
# food, drugs) are MISC, the nearest thing ANERcorp has (it tags books and products MISC).
# Group (peoples) and facilities (buildings, airports, roads, plants) stay O, as for NewsFANE.
MISC_CLASSES = (
    "BOOK MOVIE SOUND SOFTWARE HARDWARE AIR WATER LAND PROJECTILE SHOOTING BLUNT EXPLODING CHEMICAL "
    "NUCLEAR SHARP FOOD DRUG".split()
)


def fine_to_coarse(misc: bool = True) -> dict[str, str | None]:
    out: dict[str, str | None] = {"PER": None, "PERS": None, "ORG": None, "LOC": None}  # anything else is O
    out.update(newsfane.FINE_TO_COARSE)
    for name in MISC_CLASSES:
        out[name] = "MISC" if misc else None
    return out


_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"})


def spellings(sentences: list[Sentence]) -> dict[str, str]:
    """Folded form -> the spelling it has most often in `sentences` (ANERcorp train)."""
    counts: dict[str, Counter] = {}
    for s in sentences:
        for t in s.tokens:
            counts.setdefault(t.translate(_FOLD), Counter())[t] += 1
    return {folded: c.most_common(1)[0][0] for folded, c in counts.items()}


def _glue(sentence: Sentence) -> Sentence:
    # rejoin appends an enclitic as it stands; a word's final ة is written ت before it
    fixed = []
    for token in sentence.tokens:
        if fixed and token in newsfane._ENCLITICS and fixed[-1].endswith("ة"):
            fixed[-1] = fixed[-1][:-1] + "ت"
        fixed.append(token)
    return newsfane.rejoin(Sentence(fixed, sentence.tags))


def load(folder: Path, respell: dict[str, str] | None = None, join_clitics: bool = True,
         misc: bool = True) -> list[Sentence]:
    with tempfile.NamedTemporaryFile("wb", suffix=".txt") as tmp:
        tmp.write(gzip.decompress((folder / FILE).read_bytes()))
        tmp.flush()
        sentences = read(Path(tmp.name), fine_to_coarse(misc))
    if join_clitics:
        sentences = [_glue(s) for s in sentences]
    if respell:
        for s in sentences:
            s.tokens = [respell.get(t, t) for t in s.tokens]
    return sentences
