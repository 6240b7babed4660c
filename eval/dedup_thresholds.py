"""Measure near-duplicate similarity on our labelled pairs and pick the thresholds.

    .venv/bin/python eval/dedup_thresholds.py [tests/fixtures/dedup]

For each labelled pair (light edit, shortened rewrite, heavier rewrite: duplicates; same
topic but different report, unrelated: not duplicates) it prints the true Jaccard and
containment of the later text (b) in the earlier (a) for the word-shingle sets, the MinHash estimates Rasd uses, and precision and
recall of the duplicate decision (Jaccard >= J or containment >= C) over a grid of J, C.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from rasd.dedup.fingerprint import shingles, signature, similarity
from rasd.settings import Settings

POSITIVE = {"light", "short", "heavy"}


def main(folder: Path, settings: Settings = Settings()) -> None:
    pairs = json.loads((folder / "pairs.json").read_text("utf-8"))
    rows = []
    for pair in pairs:
        a, b = ((folder / pair[k]).read_text("utf-8") for k in ("a", "b"))
        sa, sb = shingles(a, settings.shingle_words), shingles(b, settings.shingle_words)
        true_j = len(sa & sb) / len(sa | sb)
        true_c = len(sa & sb) / len(sb)  # b, the later article, contained in a
        est_j, est_c = similarity(signature(sb, settings.num_perm), len(sb), signature(sa, settings.num_perm), len(sa))
        rows.append((pair["label"], pair["a"], pair["b"], true_j, true_c, est_j, est_c))

    print(f"shingle = {settings.shingle_words} words, {settings.num_perm} permutations\n")
    print(f"{'label':<10}{'pair':<42}{'J':>6}{'C':>6}{'J~':>6}{'C~':>6}")
    for label, a, b, tj, tc, ej, ec in sorted(rows):
        print(f"{label:<10}{a + ' ~ ' + b:<42}{tj:6.2f}{tc:6.2f}{ej:6.2f}{ec:6.2f}")

    by_label = defaultdict(list)
    for label, *_, ej, ec in rows:
        by_label[label].append((ej, ec))
    print("\nper label (MinHash estimates): min / max Jaccard, min / max containment")
    for label, values in sorted(by_label.items()):
        js, cs = [v[0] for v in values], [v[1] for v in values]
        print(f"  {label:<10} J {min(js):.2f}–{max(js):.2f}   C {min(cs):.2f}–{max(cs):.2f}   (n={len(values)})")

    print("\nprecision / recall of `J >= j or C >= c` (MinHash estimates)")
    print("      " + "".join(f"   c={c:.2f}  " for c in (0.6, 0.7, 0.8, 0.9)))
    for j in (0.3, 0.4, 0.5, 0.6, 0.7):
        cells = []
        for c in (0.6, 0.7, 0.8, 0.9):
            tp = sum(1 for r in rows if r[0] in POSITIVE and (r[5] >= j or r[6] >= c))
            fp = sum(1 for r in rows if r[0] not in POSITIVE and (r[5] >= j or r[6] >= c))
            pos = sum(1 for r in rows if r[0] in POSITIVE)
            cells.append(f"{tp / max(1, tp + fp):.2f}/{tp / max(1, pos):.2f}  ")
        print(f"j={j:.1f} " + "  ".join(cells))
    chosen_j, chosen_c = settings.jaccard_threshold, settings.containment_threshold
    print(f"\nthe rule: C >= {chosen_c} or (J >= {chosen_j} and C >= {settings.jaccard_min_containment})")
    for label, values in sorted(by_label.items()):
        hits = sum(1 for ej, ec in values if ec >= chosen_c or (ej >= chosen_j and ec >= settings.jaccard_min_containment))
        print(f"at J>={chosen_j}, C>={chosen_c}: {label:<10} {hits}/{len(values)} called duplicate")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/dedup"))
