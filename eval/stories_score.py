"""Score stories, storylines and events on our own evaluation corpus (eval/stories).

Ingests the articles with the real pipeline into a temporary store, then compares:
- stories and storylines, as clusterings of the articles: pairwise and B-cubed P/R/F1
  (a story in no storyline is a storyline of its own, in the gold and in the output);
- events, with eval/events_score.py (type + participants + place + date).

    .venv/bin/python eval/stories_score.py [--set eval/stories] [--shuffle SEED] [--setting NAME=VALUE] [--json]

--shuffle ingests the articles in a random order (incremental clustering should not
depend much on arrival order); --setting NAME=VALUE overrides a setting, e.g.
story_threshold=0.25 or understand=false (words only: no entities, no events).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from rasd.ingest import ingest
from rasd.settings import Settings
from rasd.store import Store

sys.path.insert(0, str(Path(__file__).parent))


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    same_gold = {p for p in combinations(sorted(gold), 2) if gold[p[0]] == gold[p[1]]}
    same_pred = {p for p in combinations(sorted(gold), 2) if pred[p[0]] == pred[p[1]]}
    tp = len(same_gold & same_pred)
    return _prf(tp / len(same_pred) if same_pred else 1.0, tp / len(same_gold) if same_gold else 1.0)


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item in gold:
        by_gold[gold[item]].add(item)
        by_pred[pred[item]].add(item)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in gold) / len(gold)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return _prf(p, r)


def _prf(p: float, r: float) -> dict[str, float]:
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def run(folder: Path, settings: Settings, shuffle: int | None = None) -> dict:
    rows = [json.loads(line) for line in (folder / "articles.jsonl").read_text("utf-8").splitlines() if line.strip()]
    if shuffle is not None:
        random.Random(shuffle).shuffle(rows)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        with Store(Path(tmp) / "eval.db") as store:
            report = ingest([str(corpus)], store, settings)
        assert not report.failures, [f.error for f in report.failures]
        store = Store(Path(tmp) / "eval.db", readonly=True)
        try:
            articles = list(store.articles())
            stories = {s["id"]: s for s in store.stories.stories()}
            events = list(store.stories.events())
            names = {e["id"]: [e["name"], *e["variants"]] for e in store.entities.all()}
        finally:
            store.close()
    by_page = {r["id"]: r for r in rows}
    gold_story = {a["id"]: by_page[a["page"]]["story"] for a in articles}
    pred_story = {a["id"]: a["story_id"] for a in articles}
    gold_line = {i: by_page[a["page"]]["storyline"] or "solo:" + gold_story[i] for i, a in
                 ((a["id"], a) for a in articles)}
    pred_line = {i: stories[s]["storyline_id"] or "solo:" + s for i, s in pred_story.items()}
    result = {
        "articles": len(articles), "gold_stories": len(set(gold_story.values())), "stories": len(stories),
        "gold_storylines": len({v for v in gold_line.values() if not v.startswith("solo:")}),
        "storylines": len({s["storyline_id"] for s in stories.values() if s["storyline_id"]}),
        "story_pairwise": pairwise(gold_story, pred_story), "story_bcubed": bcubed(gold_story, pred_story),
        "storyline_pairwise": pairwise(gold_line, pred_line), "storyline_bcubed": bcubed(gold_line, pred_line),
    }
    gold_events_file = folder / "events.json"
    if gold_events_file.exists():
        from events_score import score_events

        for event in events:  # the gold story most of the event's articles belong to
            event["story"] = Counter(gold_story[a] for a in event["article_ids"]).most_common(1)[0][0]
        result["events"] = score_events(json.loads(gold_events_file.read_text("utf-8")), events, names)
    result["wrong_story_pairs"] = sorted(
        [by_page_id(articles, a), by_page_id(articles, b)] for a, b in combinations(sorted(gold_story), 2)
        if (gold_story[a] == gold_story[b]) != (pred_story[a] == pred_story[b]))[:40]
    return result


def by_page_id(articles: list[dict], article_id: str) -> str:
    return next(a["page"] for a in articles if a["id"] == article_id)


def _value(default, text: str):
    return text.lower() in ("1", "true", "yes", "on") if isinstance(default, bool) else type(default)(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="folder", type=Path, default=Path(__file__).parent / "stories")
    parser.add_argument("--shuffle", type=int, default=None, help="ingest in a random order with this seed")
    parser.add_argument("--setting", action="append", default=[], help="NAME=VALUE override of a setting")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    overrides = {k: _value(getattr(Settings(), k), v) for k, v in (s.split("=", 1) for s in args.setting)}
    result = run(args.folder, Settings.load(None, workers=1, **overrides), args.shuffle)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for key in ("story_pairwise", "story_bcubed", "storyline_pairwise", "storyline_bcubed"):
        r = result[key]
        print(f"{key:<20} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    print(f"stories {result['stories']} (gold {result['gold_stories']}), storylines {result['storylines']}"
          f" (gold {result['gold_storylines']})")
    if "events" in result:
        print("events", json.dumps(result["events"], ensure_ascii=False))
    if result["wrong_story_pairs"]:
        print("pairs on the wrong side (first 40):", " ".join("-".join(p) for p in result["wrong_story_pairs"]))


if __name__ == "__main__":
    main()
