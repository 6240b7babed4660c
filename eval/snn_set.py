"""Build the SaudiNewsNet dev set from its labels (offsets only) and the corpus (not in the repo).

    PYTHONPATH=src .venv/bin/python eval/snn_set.py eval/snn_understand OUT_DIR [--data PATH]

`eval/snn_understand/labels.jsonl` keeps, per chosen SaudiNewsNet article, its id, the sha1 of
its `content`, a judged publication day, a story key and hand labels given as character offsets
into `content` (quotes with their speakers, dates, events). The corpus is CC BY-NC-SA and for
research only: no sentence of it may enter the repository. This script joins the labels with the
corpus (`../shared/data/saudinewsnet/saudinewsnet.jsonl.gz` from the repo root) and writes, to
OUT_DIR outside the repository, the folder the existing scorers read:

- `articles.jsonl`: id, published, source, story, title, text, quotes
  ({text, start, speaker, speaker_entity, via, direct}), dates ({text, start, value}), entities [];
- `events.json`: id, story, type, participants, actors, place, date, topics [], evidence_article,
  evidence, evidence_start;
- `variants.json` and `distinct.json`: empty lists (entities are not annotated in this set).

Then: `eval/understand_score.py OUT_DIR --mentions model` and `eval/events_score.py --set OUT_DIR`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def load_labels(folder: Path) -> list[dict]:
    path = folder / "labels.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def load_corpus(data: Path, ids: set[str]) -> dict[str, dict]:
    if not data.exists():
        raise SystemExit(f"SaudiNewsNet not found at {data}: this set is labels only, it needs the corpus "
                         "(CC BY-NC-SA, kept outside the repository). Pass --data PATH.")
    rows = {}
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in ids:
                rows[row["id"]] = row
    missing = ids - set(rows)
    if missing:
        raise SystemExit(f"{len(missing)} labelled ids are not in {data}: {sorted(missing)[:5]}")
    return rows


def build(labels: list[dict], corpus: dict[str, dict]) -> tuple[list[dict], list[dict]]:
    articles, events = [], []
    for lab in labels:
        row = corpus[lab["id"]]
        text = row["content"]
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
        if digest != lab["sha1"]:
            raise SystemExit(f"{lab['id']}: the corpus text differs from the labelled one (sha1 {digest} != {lab['sha1']})")
        quotes = [{"text": text[q["start"]:q["end"]], "start": q["start"],
                   "speaker": text[q["speaker_start"]:q["speaker_end"]], "speaker_entity": q["speaker_entity"],
                   "via": q["via"], "direct": q["direct"]} for q in lab["quotes"]]
        dates = [{"text": text[d["start"]:d["end"]], "start": d["start"], "value": d["value"]} for d in lab["dates"]]
        articles.append({"id": lab["id"], "published": lab["published"], "source": row["source"], "story": lab["story"],
                         "title": row["title"] or None, "text": text, "quotes": quotes, "dates": dates, "entities": []})
        for i, e in enumerate(lab["events"], 1):
            events.append({"id": f"{lab['id']}-e{i}", "story": lab["story"], "type": e["type"],
                           "participants": e["participants"], "actors": e["actors"], "place": e["place"],
                           "date": e["date"], "topics": [], "evidence_article": lab["id"],
                           "evidence": text[e["evidence_start"]:e["evidence_end"]], "evidence_start": e["evidence_start"]})
    return articles, events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("labels", type=Path, help="folder with labels.jsonl (eval/snn_understand)")
    parser.add_argument("out", type=Path, help="output folder, outside the repository")
    parser.add_argument("--data", type=Path, default=DATA, help="saudinewsnet.jsonl.gz")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    if out == ROOT or ROOT in out.parents:
        raise SystemExit(f"{out} is inside the repository: SaudiNewsNet text must stay outside it")
    labels = load_labels(args.labels)
    articles, events = build(labels, load_corpus(args.data, {lab["id"] for lab in labels}))
    out.mkdir(parents=True, exist_ok=True)
    with (out / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    (out / "events.json").write_text(json.dumps(events, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for name in ("variants.json", "distinct.json"):
        (out / name).write_text("[]\n", "utf-8")
    print(f"{len(articles)} articles, {sum(len(a['quotes']) for a in articles)} quotes, "
          f"{sum(len(a['dates']) for a in articles)} dates, {len(events)} events -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
