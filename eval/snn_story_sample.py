"""Draw random multi-article stories of some days from a store, for judging by hand (issue 13).

    .venv/bin/python eval/snn_story_sample.py STORE.db --from 2015-08-09 --to 2015-08-10 \
        [--n 40] [--seed 13] [--ids eval/snn_stories_sample2/stories.jsonl] > /work/scratch/sample.txt

The store is SaudiNewsNet ingested with the crawl day as the publication day
(`benchmarks/saudinewsnet.py --understand --dated --keep STORE.db`). A story is drawn when it
has two or more articles (duplicates included) and its first day lies in the range. Prints each
story's articles (outlet, title, the first 300 characters) for reading: SaudiNewsNet text, so
write it outside the repository. `--ids` writes only what the repository may keep: the story's
number in the draw and its articles' corpus ids, to which the judge's verdicts are added.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
from pathlib import Path


def draw(con: sqlite3.Connection, first: str, last: str, n: int, seed: int) -> list[str]:
    ids = [sid for (sid,) in con.execute("SELECT id FROM stories WHERE articles > 1 AND first BETWEEN ? AND ? "
                                         "ORDER BY num", (first, last))]
    return random.Random(seed).sample(ids, min(n, len(ids)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db")
    parser.add_argument("--from", dest="first", required=True)
    parser.add_argument("--to", dest="last", required=True)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--ids", type=Path, help="write the draw's corpus ids (no text) as JSON Lines")
    args = parser.parse_args()
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    rows = []
    for k, sid in enumerate(draw(con, args.first, args.last, args.n, args.seed), 1):
        members = con.execute("SELECT a.page, a.source, a.published, a.title, a.text, a.duplicate_of "
                              "FROM articles a WHERE a.story_id = ? ORDER BY a.published, a.num", (sid,)).fetchall()
        title = con.execute("SELECT title FROM stories WHERE id = ?", (sid,)).fetchone()[0]
        print(f"== S{k} {sid} ({len(members)} articles) {title!r}")
        for page_id, source, published, art_title, text, dup in members:
            mark = " [dup]" if dup else ""
            print(f"  - {page_id} {published} {source}{mark}: {(art_title or '')[:120]}")
            print(f"      {' '.join((text or '').split())[:300]}")
        rows.append({"sample": f"S{k}", "articles": [m[0] for m in members]})
    if args.ids:
        args.ids.parent.mkdir(parents=True, exist_ok=True)
        args.ids.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
