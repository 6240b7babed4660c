"""Score quotes, dates and entity-variant merging on our own annotated set.

    .venv/bin/python eval/understand_score.py [eval/understand] [--mentions gold|model] [--json]

`eval/understand/articles.jsonl` holds articles we wrote with their quotes (text, speaker,
direct), date expressions (text, value) and entity mentions (text, type, canonical key);
`variants.json` groups of spellings of one entity; `distinct.json` pairs that must stay
apart. Entity mentions come from the gold annotation (`--mentions gold`, isolating
resolution and quote attribution from the tagger) or from the shipped tagger (`model`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.record import Article
from rasd.store import Store
from rasd.understand.dates import find_dates
from rasd.understand.entities import EntityResolver
from rasd.understand.quotes import find_quotes


def locate(text: str, items: list[dict], key: str = "text") -> list[tuple[int, int, dict]]:
    """Character spans of annotated substrings: at the annotation's `start` when given, else
    whole words only, longest first, never two
    on the same characters (a name inside a longer name is the longer name's), and the
    i-th annotation of a repeated string at its i-th free occurrence."""
    taken: list[tuple[int, int]] = []
    found: dict[int, tuple[int, int, dict]] = {}
    for index in sorted(range(len(items)), key=lambda i: -len(items[i][key])):
        needle = items[index][key]
        start = items[index].get("start")
        if start is not None and text[start:start + len(needle)] == needle:  # the annotation's own offset
            taken.append((start, start + len(needle)))
            found[index] = (start, start + len(needle), items[index])
            continue
        pattern = re.compile(r"(?<![^\W\d_])" + re.escape(needle) + r"(?![^\W\d_])")
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append(m.span())
                found[index] = (m.start(), m.end(), items[index])
                break
        else:
            if needle not in text:
                raise ValueError(f"{needle!r} not in article")
    return sorted(found.values(), key=lambda f: f[0])


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(1, min(a[1] - a[0], b[1] - b[0]))


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p, r = tp / max(1, n_pred), tp / max(1, n_gold)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / max(1e-9, p + r), 3),
            "matched": tp, "predicted": n_pred, "gold": n_gold}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=Path(__file__).parent / "understand")
    parser.add_argument("--mentions", choices=("gold", "model"), default="gold")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="print the misses")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (args.folder / "articles.jsonl").read_text("utf-8").splitlines() if line.strip()]
    tagger = None
    if args.mentions == "model":
        from rasd.understand.mentions import MentionTagger

        tagger = MentionTagger()

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "eval.db")
        resolver = EntityResolver(store.entities)
        q_tp = q_pred = q_gold = speaker_ok = relayed = via_ok = 0
        d_tp = d_pred = d_gold = value_ok = 0
        surface_to_entity: dict[str, set[str]] = {}
        misses = []
        for row in rows:
            text = row["text"]
            pub = date.fromisoformat(row["published"]) if row.get("published") else None
            article = Article(page=row["id"], path=row["id"], text=text, published=row.get("published"))
            if tagger:  # as the pipeline tags: the model, then the lexicon's checks of what it marked
                article.source = row.get("source")
                [article] = tagger.run([article])
            else:
                article.entities = [{"text": m["text"], "start": s, "end": e, "type": m["type"], "entity_id": None}
                                    for s, e, m in locate(text, row.get("entities", []))]
            article.quotes = [q.to_dict() for q in find_quotes(text, article.entities)]
            resolver.resolve(article)
            gold_entity_of = {}  # gold canonical key -> predicted entity id (through gold mention spans)
            for s, e, m in locate(text, row.get("entities", [])):
                hit = [x for x in article.entities if x.get("entity_id") and overlap((s, e), (x["start"], x["end"])) > 0.5]
                if hit:
                    gold_entity_of.setdefault(m["entity"], hit[0]["entity_id"])
                    surface_to_entity.setdefault(m["text"], set()).add(hit[0]["entity_id"])

            # quotes
            gold_quotes = locate(text, row.get("quotes", []))
            q_gold += len(gold_quotes)
            q_pred += len(article.quotes)
            used = set()
            for s, e, g in gold_quotes:
                match = next((i for i, q in enumerate(article.quotes) if i not in used and overlap((s, e), (q["start"], q["end"])) >= 0.5), None)
                if match is None:
                    misses.append(("quote missed", row["id"], g["text"][:60]))
                    continue
                used.add(match)
                q_tp += 1
                q = article.quotes[match]
                said, want = normalize(q["speaker"] or ""), normalize(g["speaker"])
                same_entity = g.get("speaker_entity") and q.get("speaker_id") and gold_entity_of.get(g["speaker_entity"]) == q["speaker_id"]
                if same_entity or (said and (said in want or want in said)):
                    speaker_ok += 1
                else:
                    misses.append(("wrong speaker", row["id"], f"{q['speaker']} ≠ {g['speaker']}: {g['text'][:40]}"))
                if g.get("via"):
                    relayed += 1
                    got, want_via = normalize(q.get("via") or ""), normalize(g["via"])
                    via_ok += bool(got and (got in want_via or want_via in got))
            for i, q in enumerate(article.quotes):
                if i not in used:
                    misses.append(("extra quote", row["id"], f"{q['speaker']}: {q['text'][:60]}"))

            # dates
            found = find_dates(text, pub)
            gold_dates = locate(text, row.get("dates", []))
            d_gold += len(gold_dates)
            d_pred += len(found)
            used = set()
            for s, e, g in gold_dates:
                match = next((i for i, d in enumerate(found) if i not in used and overlap((s, e), (d.start, d.end)) > 0), None)
                if match is None:
                    misses.append(("date missed", row["id"], f"{g['text']} = {g['value']}"))
                    continue
                used.add(match)
                d_tp += 1
                if found[match].value == g["value"]:
                    value_ok += 1
                else:
                    misses.append(("date value", row["id"], f"{found[match].text}: {found[match].value} ≠ {g['value']}"))
            for i, d in enumerate(found):
                if i not in used:
                    misses.append(("extra date", row["id"], f"{d.text} = {d.value}"))

        groups = json.loads((args.folder / "variants.json").read_text("utf-8"))
        merged = wrong = 0
        group_ids = []
        def ids_of(variant: str) -> set[str] | None:
            """A variant written with a title ("الرئيس الروسي فلاديمير بوتين") is annotated as
            its name only: take the mention that ends the variant."""
            if variant in surface_to_entity:
                return surface_to_entity[variant]
            tails = [s for s in surface_to_entity if variant.endswith(" " + s)]
            return surface_to_entity[max(tails, key=len)] if tails else None

        for g in groups:
            found = [ids_of(v) for v in g["variants"]]
            found_ids = set().union(*(f for f in found if f))
            group_ids.append(found_ids)
            if len(found_ids) == 1 and all(f is not None for f in found):
                merged += 1
            else:
                misses.append(("group split", g["entity"], f"{len(found_ids)} entities"))
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                if group_ids[i] & group_ids[j]:
                    wrong += 1
                    misses.append(("wrong merge", groups[i]["entity"], groups[j]["entity"]))
        distinct_path = args.folder / "distinct.json"
        traps = json.loads(distinct_path.read_text("utf-8")) if distinct_path.exists() else []
        by_key = {g["entity"]: ids for g, ids in zip(groups, group_ids)}
        trap_fail = sum(1 for t in traps if by_key.get(t["a"], set()) & by_key.get(t["b"], set()))
        store.close()

    result = {
        "mentions": args.mentions,
        "quotes": {**prf(q_tp, q_pred, q_gold), "speaker_correct_of_gold": round(speaker_ok / max(1, q_gold), 3),
                   "relayed": relayed, "via_correct_of_relayed": round(via_ok / max(1, relayed), 3)},
        "dates": {**prf(d_tp, d_pred, d_gold), "value_exact_of_gold": round(value_ok / max(1, d_gold), 3)},
        "variant_groups": {"groups": len(groups), "merged_whole": merged, "wrong_merges": wrong,
                           "distinct_pairs": len(traps), "distinct_pairs_merged": trap_fail},
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.errors:
        for kind, where, what in misses:
            print(f"{kind:<14}{where:<8}{what}", file=sys.stderr)


if __name__ == "__main__":
    main()
