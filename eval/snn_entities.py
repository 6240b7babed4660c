"""The top entities of a store, with the verdicts of a hand judgement where there is one.

    PYTHONPATH=src .venv/bin/python eval/snn_entities.py DB [--judged eval/snn_understand/entities_judged.jsonl]
        [--top 100] [--variants 8]

Prints the `top` entities by mentions (name, type, mentions, most frequent variants), marks those
already judged (matched on name and type; a name judged under another type is shown too) with
their verdict, and counts ok / junk / wrong type / wrong merge / unjudged, so that a later version
of the engine can be re-judged quickly: judge only the unjudged lines and append them to the file.

Verdicts: `ok` (a real name, the right type, its variants one entity), `junk` (not a name),
`wrong_type` (a real name with the wrong type; `correct_type` says which), `wrong_merge` (variants
of different entities merged into one).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path

VERDICTS = ("ok", "junk", "wrong_type", "wrong_merge")


def top_entities(db: Path, top: int, n_variants: int) -> list[dict]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT num, name, type, mentions FROM entities ORDER BY mentions DESC, name LIMIT ?", (top,)).fetchall()
        out = []
        for num, name, type_, mentions in rows:
            variants = con.execute("SELECT variant, count FROM entity_variants WHERE entity_num = ? ORDER BY count DESC, variant",
                                   (num,)).fetchall()
            out.append({"name": name, "type": type_, "mentions": mentions, "n_variants": len(variants),
                        "variants": variants[:n_variants]})
        return out
    finally:
        con.close()


def load_judged(path: Path | None) -> dict[tuple[str, str], dict]:
    if not path or not path.exists():
        return {}
    judged = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            j = json.loads(line)
            judged[(j["name"], j["type"])] = j
    return judged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--judged", type=Path, default=Path(__file__).parent / "snn_understand" / "entities_judged.jsonl")
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--variants", type=int, default=8, help="variants shown per entity")
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"no store at {args.db}")
    judged = load_judged(args.judged)
    by_name = {name: j for (name, _), j in judged.items()}
    counts: Counter = Counter()
    for rank, e in enumerate(top_entities(args.db, args.top, args.variants), 1):
        j = judged.get((e["name"], e["type"]))
        if j:
            verdict = j["verdict"]
            mark = verdict + (f"→{j['correct_type']}" if verdict == "wrong_type" and j.get("correct_type") else "")
        elif e["name"] in by_name:  # judged under another type: the type changed since
            verdict, mark = "unjudged", f"unjudged (was {by_name[e['name']]['type']}: {by_name[e['name']]['verdict']})"
        else:
            verdict, mark = "unjudged", "unjudged"
        counts[verdict] += 1
        variants = "، ".join(f"{v}×{c}" for v, c in e["variants"])
        more = f" (+{e['n_variants'] - len(e['variants'])})" if e["n_variants"] > len(e["variants"]) else ""
        note = f"  # {j['note']}" if j and j.get("note") else ""
        print(f"{rank:>3} {e['mentions']:>5} {e['type']:<4} {e['name']:<30} [{mark}] {variants}{more}{note}")
    total = sum(counts.values())
    print(f"\n{total} entities: " + ", ".join(f"{k} {counts[k]}" for k in (*VERDICTS, "unjudged")), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
