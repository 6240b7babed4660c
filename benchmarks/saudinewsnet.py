"""Rasd on 31,030 real articles: SaudiNewsNet (CC BY-NC-SA 4.0, research use; not in the repo).

    .venv/bin/python benchmarks/saudinewsnet.py [--data ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz]
        [--workers 2] [--understand] [--dated] [--keep STORE.db] [--pairs benchmarks/saudinewsnet_pairs.csv]
        [--show /tmp/pairs.txt]

Feeds the corpus to `rasd ingest` as JSON Lines (`content` as `text`; `date_extracted` is
the crawl time, not a publication date, so it is not given unless `--dated` asks for the crawl
day as `published`, for stories and storylines), prints throughput, peak
memory and how many exact and near duplicates were found, and draws a seeded sample of
50 near-duplicate pairs. `--pairs` writes the sample's ids and scores (no article text) for
the hand check recorded in benchmarks/RESULTS.md; `--show` writes the pairs' texts to a
file outside the repository for reading.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import resource
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path

from rasd.ingest import ingest
from rasd.settings import Settings
from rasd.store import Store

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def to_pages(src: Path, dst: Path, dated: bool = False) -> int:
    """The corpus as our JSON Lines pages; `dated`: the crawl day as `published` (SOURCE.md: from
    August 2015 the crawl day is most probably the day of writing; before, a day or more late)."""
    n = 0
    with gzip.open(src, "rt", encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
        for line in fin:
            row = json.loads(line)
            page = {"id": row["id"], "source": row["source"], "url": row["url"], "title": row["title"] or None,
                    "text": row["content"]}
            if dated and row.get("date_extracted"):
                page["published"] = row["date_extracted"][:10]
            fout.write(json.dumps(page, ensure_ascii=False) + "\n")
            n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--understand", action="store_true", help="also find entities, quotes and dates")
    parser.add_argument("--pairs", type=Path, help="write the sampled pairs' ids and scores (CSV)")
    parser.add_argument("--show", type=Path, help="write the sampled pairs' texts here (outside the repo)")
    parser.add_argument("--dated", action="store_true", help="the crawl day as each page's publication date")
    parser.add_argument("--keep", type=Path, help="build the store here and keep it (for reading stories)")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"no SaudiNewsNet at {args.data}: nothing to measure")
    with tempfile.TemporaryDirectory() as tmp:
        pages, db = Path(tmp) / "snn.jsonl", args.keep or Path(tmp) / "snn.db"
        n = to_pages(args.data, pages, dated=args.dated)
        start = time.perf_counter()
        with Store(db) as store:
            report = ingest([str(pages)], store, Settings(workers=args.workers, understand=args.understand))
        counts, failures = report.counts, report.failures
        seconds = time.perf_counter() - start
        con = sqlite3.connect(db)
        methods = dict(con.execute(
            "SELECT json_extract(meta, '$.duplicate.method'), count(*) FROM articles "
            "WHERE duplicate_of IS NOT NULL GROUP BY 1"))
        reasons = Counter(re.sub(r"^line \d+: ", "", reason) for (reason,) in con.execute("SELECT reason FROM errors"))
        result = {
            "pages": n, "workers": args.workers, "understand": args.understand, "seconds": round(seconds, 1), "pages_per_s": round(n / seconds, 1),
            "articles": counts["articles"], "failed_pages": counts["errors"], "failure_reasons": reasons,
            "exact_duplicates": methods.get("exact", 0), "near_duplicates": methods.get("near", 0),
            "entities": con.execute("SELECT count(*) FROM entities").fetchone()[0],
            "quotes": con.execute("SELECT coalesce(sum(json_array_length(quotes)), 0) FROM articles").fetchone()[0],
            "dates": con.execute("SELECT coalesce(sum(json_array_length(dates)), 0) FROM articles").fetchone()[0],
            "peak_rss_mb_main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "peak_rss_mb_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        }
        print(json.dumps(result, ensure_ascii=False, indent=1))
        near = con.execute(
            "SELECT d.page, c.page, json_extract(d.meta, '$.duplicate.jaccard'), json_extract(d.meta, '$.duplicate.containment'),"
            " d.source, c.source, d.title, c.title, d.text, c.text FROM articles d JOIN articles c ON c.id = d.duplicate_of"
            " WHERE json_extract(d.meta, '$.duplicate.method') = 'near' ORDER BY d.num").fetchall()
        sample = random.Random(2015).sample(near, min(args.sample, len(near)))
        if args.pairs:
            with args.pairs.open("w", newline="", encoding="utf-8") as fh:
                out = csv.writer(fh)
                out.writerow(["pair", "duplicate", "canonical", "jaccard", "containment", "verdict"])
                for i, row in enumerate(sample, 1):
                    out.writerow([i, row[0], row[1], row[2], row[3], ""])
        if args.show:
            with args.show.open("w", encoding="utf-8") as fh:
                for i, row in enumerate(sample, 1):
                    fh.write(f"### pair {i}: {row[0]} ({row[4]}) ~ {row[1]} ({row[5]})  J={row[2]} C={row[3]}\n")
                    fh.write(f"--- A title: {row[6]}\n{row[8]}\n--- B title: {row[7]}\n{row[9]}\n\n")


if __name__ == "__main__":
    main()
