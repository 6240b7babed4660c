"""Build the SaudiNewsNet story set (eval/snn_stories) as a folder that eval/stories_score.py reads.

    PYTHONPATH=src .venv/bin/python eval/snn_set_stories.py eval/snn_stories OUT_DIR [--data PATH]

The repository keeps only ids, a sha1 of each article's `content` and our own labels
(eval/snn_stories/labels.jsonl). This script joins them with the SaudiNewsNet corpus, which
lives outside the repository (default ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz,
relative to the repository root; CC BY-NC-SA 4.0, research use only), checks every sha1, and
writes OUT_DIR, which must be outside the repository:

- articles.jsonl: id, source, url, published (our judged publication day), title, text
  (`content`), story, storyline (always null: this set has no storyline gold);
- stories.json: story, title (of its earliest article), storyline (null), start, end;
- storylines.json: [] (none).

Then: PYTHONPATH=src .venv/bin/python eval/stories_score.py --set OUT_DIR
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def load_labels(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "labels.jsonl").read_text("utf-8").splitlines() if line.strip()]


def build(folder: Path, out: Path, data: Path) -> dict:
    out = out.resolve()
    if out == REPO or REPO in out.parents:
        raise SystemExit(f"{out} is inside the repository: SaudiNewsNet text must not enter it")
    if not data.exists():
        raise SystemExit(f"no SaudiNewsNet at {data}")
    labels = load_labels(folder)
    wanted = {row["id"]: row for row in labels}
    if len(wanted) != len(labels):
        raise SystemExit("labels.jsonl repeats an id")
    found: dict[str, dict] = {}
    with gzip.open(data, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in wanted:
                found[row["id"]] = row
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise SystemExit(f"{len(missing)} labelled ids are not in the corpus, e.g. {missing[:5]}")
    bad = [i for i, lab in wanted.items()
           if hashlib.sha1(found[i]["content"].encode("utf-8")).hexdigest() != lab["sha1"]]
    if bad:
        raise SystemExit(f"{len(bad)} articles changed (sha1 mismatch), e.g. {bad[:5]}")
    articles = []
    for lab in labels:  # labels.jsonl order (sorted by id, so by crawl day and position)
        row = found[lab["id"]]
        articles.append({"id": lab["id"], "source": row["source"], "url": row["url"], "published": lab["published"],
                         "title": row["title"] or None, "text": row["content"], "story": lab["story"],
                         "storyline": None})
    stories: dict[str, dict] = {}
    for a in sorted(articles, key=lambda a: (a["published"], a["id"])):
        s = stories.setdefault(a["story"], {"story": a["story"], "title": a["title"], "storyline": None,
                                            "start": a["published"], "end": a["published"]})
        s["end"] = max(s["end"], a["published"])
    out.mkdir(parents=True, exist_ok=True)
    (out / "articles.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), "utf-8")
    (out / "stories.json").write_text(json.dumps(list(stories.values()), ensure_ascii=False, indent=1), "utf-8")
    (out / "storylines.json").write_text("[]\n", "utf-8")
    return {"articles": len(articles), "stories": len(stories),
            "multi_article_stories": sum(1 for s in stories.values()
                                         if sum(a["story"] == s["story"] for a in articles) > 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="eval/snn_stories (holds labels.jsonl)")
    parser.add_argument("out", type=Path, help="output folder, outside the repository")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    print(json.dumps(build(args.folder, args.out, args.data)), file=sys.stderr)


if __name__ == "__main__":
    main()
