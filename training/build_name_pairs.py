"""Build `different_names.txt`: person-name parts one vowel apart that are different names.

    .venv/bin/python training/build_name_pairs.py [--data ../shared/data/wikidata_person_names]

The entity resolver lets spellings with the same skeleton meet (ترمب/ترامب, بوتن/بوتين):
transliteration writes long vowels in or out. Arabic names one long vowel apart are often
different names (سلمان/سليمان, عمر/عمار). Wikidata (CC0) gives each Arabic name part its Latin
spellings; two Arabic parts with the same skeleton, each seen at least twice, and no Latin
spelling in common are written down as different, and the resolver never merges them.
The output is sorted, so a rebuild from the same data is byte-identical.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.understand.names import skeleton

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "wikidata_person_names"
OUT = ROOT / "src" / "rasd" / "arabic" / "lexicon" / "different_names.txt"
MIN_SEEN = 2  # pairs seen once are too often alignment noise


def _latin(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in folded if "a" <= ch <= "z")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    latin: dict[str, set[str]] = defaultdict(set)
    seen: Counter[str] = Counter()
    for path in sorted(args.data.glob("wd_arabic_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            lat, arabic, count = line.split("\t")
            word = normalize(arabic.replace(" ", ""))
            latin[word].add(_latin(lat))
            seen[word] += int(count)
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    for word in sorted(latin):
        if len(word) >= 4 and seen[word] >= MIN_SEEN:
            by_skeleton[skeleton(word)].append(word)
    pairs = sorted({(a, b) for words in by_skeleton.values() for a, b in combinations(words, 2)
                    if not latin[a] & latin[b]})
    header = ("# Person-name parts with the same skeleton that are different names (one pair a line).\n"
              "# Built by training/build_name_pairs.py from Wikidata person names (CC0 1.0,\n"
              "# github.com/steveash/NETransliteration-COLING2018, wd_arabic_80/20).\n")
    args.out.write_text(header + "".join(f"{a} {b}\n" for a, b in pairs), encoding="utf-8")
    print(f"{len(pairs)} pairs -> {args.out}")


if __name__ == "__main__":
    main()
