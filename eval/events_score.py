"""Score event extraction against hand-written gold events.

    .venv/bin/python eval/events_score.py [--set eval/stories] [--show]

The set's `articles.jsonl` (with a gold `story` per article) is ingested with the real
pipeline into a temporary store; `find_events` runs on the stored articles, events are
merged per GOLD story with `merge_events`, and matched one-to-one to the gold events of
that story (`events.json`: participants and place as canonical Arabic names). The lead's
scorer imports `score_events` and feeds it events merged per predicted story instead.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from rasd.arabic.normalize import normalize

LEVELS = {
    "strict": ("type", "participants", "place", "date"),
    "type+participants": ("type", "participants"),
    "type+date": ("type", "date"),
    "type": ("type",),
}


def name_matches(gold_name: str, entity_id: str | None, names: dict[str, list[str]]) -> bool:
    """A gold name is an entity when it equals, contains or is contained in one of its spellings."""
    if not entity_id:
        return False
    g = normalize(gold_name)
    return any(v and (g == v or g in v or v in g) for v in (normalize(x) for x in names.get(entity_id, [])))


def _matching(left: list, right: list, ok) -> list[tuple[int, int]]:
    """Maximum one-to-one matching (augmenting paths) of left and right items under ok(l, r)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in range(len(right)):
            if j not in seen and ok(left[i], right[j]):
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(left)):
        augment(i, set())
    return [(i, j) for j, i in owner.items()]


def same_participants(gold: list[str], predicted: list[str], names: dict[str, list[str]]) -> bool:
    if len(set(gold)) != len(set(predicted)):
        return False
    g, p = sorted(set(gold)), sorted(set(predicted))
    return len(_matching(g, p, lambda a, b: name_matches(a, b, names))) == len(g)


def event_matches(gold: dict, pred: dict, names: dict[str, list[str]], fields: tuple[str, ...]) -> bool:
    if gold.get("story") != pred.get("story"):
        return False
    if "type" in fields and gold["type"] != pred["type"]:
        return False
    if "date" in fields and gold.get("date") != pred.get("date"):
        return False
    if "place" in fields:
        if (gold.get("place") is None) != (pred.get("place") is None):
            return False
        if gold.get("place") is not None and not name_matches(gold["place"], pred["place"], names):
            return False
    if "participants" in fields and not same_participants(gold["participants"], pred["participants"], names):
        return False
    return True


def _prf(matched: int, n_pred: int, n_gold: int) -> dict:
    p = matched / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "matched": matched}


def score_events(gold: list[dict], predicted: list[dict], names: dict[str, list[str]]) -> dict:
    """P/R/F1 at several strictness levels, and how often the date of a found event is right.

    A predicted event matches a gold event of the same story when type, participants
    (as sets, under name matching), place (both null or matching) and date are equal;
    looser levels drop fields to show where errors come from. `date_exact` is, among
    predicted events matched on type and participants, the share whose date is the gold one.
    """
    out: dict = {"gold": len(gold), "predicted": len(predicted)}
    for level, fields in LEVELS.items():
        pairs = _matching(predicted, gold, lambda p, g: event_matches(g, p, names, fields))
        out[level] = _prf(len(pairs), len(predicted), len(gold))
        if level == "type+participants":
            right = sum(predicted[i].get("date") == gold[j].get("date") for i, j in pairs)
            out["date_exact"] = round(right / len(pairs), 3) if pairs else 0.0
            out["date_exact_of"] = len(pairs)
    return out


# -- the harness ------------------------------------------------------------------------------

def predict(articles_path: Path) -> tuple[list[dict], dict[str, list[str]], dict[str, dict]]:
    """Ingest the set, find and merge events per gold story. Returns the merged events
    (with `story`), entity spellings, and the stored articles by page."""
    from rasd.ingest import ingest
    from rasd.record import Article
    from rasd.settings import Settings
    from rasd.store import Store
    from rasd.stories.events import merge_events

    story_of = {}
    with open(articles_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                story_of[row["id"]] = row["story"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "events.db"
        with Store(db) as store:
            ingest([str(articles_path)], store, Settings(workers=1))
        store = Store(db, readonly=True)
        try:
            stored = list(store.articles())
            entities = list(store.entities.all())
            names = {e["id"]: list(dict.fromkeys([e["name"], *e["variants"]])) for e in entities}
        finally:
            store.close()
    by_story: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    pages = {}
    for row in stored:
        article = Article.from_dict({"path": row["page"], **row})  # the store keeps no path
        pages[article.page] = row
        for event in article.events:  # as the pipeline found them
            by_story[story_of[article.page]].append((article.page, event))
    predicted = [{**e, "story": story} for story, found in by_story.items() for e in merge_events(found)]
    return predicted, names, pages


def _reachable(gold: dict, article: dict | None, names: dict[str, list[str]]) -> bool:
    ids = {m["entity_id"] for m in (article or {}).get("entities", []) if m.get("entity_id")}
    wanted = gold["participants"] + ([gold["place"]] if gold.get("place") else [])
    return all(any(name_matches(n, i, names) for i in ids) for n in wanted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="eval/stories", help="folder with articles.jsonl and events.json")
    parser.add_argument("--show", action="store_true", help="also list gold and predicted events per story")
    args = parser.parse_args(argv)
    folder = Path(args.set)
    gold = json.loads((folder / "events.json").read_text(encoding="utf-8"))
    predicted, names, pages = predict(folder / "articles.jsonl")
    result = {"set": str(folder), **score_events(gold, predicted, names)}
    reachable = [g for g in gold if _reachable(g, pages.get(g["evidence_article"]), names)]
    result["reachable"] = {"gold": len(reachable), "note": "gold events whose participants and place are all "
                           "among the entities tagged in their evidence article (an upper bound for strict recall)"}
    if args.show:
        label = {i: names[i][0] for i in names}
        show = defaultdict(lambda: {"gold": [], "predicted": []})
        for g in gold:
            show[g["story"]]["gold"].append([g["type"], g["participants"], g["place"], g["date"]])
        for p in predicted:
            show[p["story"]]["predicted"].append([p["type"], [label.get(x, x) for x in p["participants"]],
                                                  label.get(p["place"], p["place"]), p["date"], p["article_ids"],
                                                  p["evidence"][:90]])
        result["by_story"] = show
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
