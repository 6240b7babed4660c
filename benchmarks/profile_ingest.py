"""Where the main process spends its time during an ingest: cProfile of `rasd.ingest.ingest`.

    .venv/bin/python benchmarks/profile_ingest.py PAGES.jsonl [--workers 2] [--understand] [--out run.prof]

Only the main process is profiled (the workers run unprofiled); times are under the profiler,
so larger than without it. Prints the run's wall and main-process CPU time, then the seconds
spent in each sequential stage (cumulative) and in SQL and JSON decoding overall.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from rasd.ingest import ingest
from rasd.settings import Settings
from rasd.store import Store

# (what, where: "file:function" as cProfile names it, and whether to sum cumulative or own time)
STAGES = [
    ("read input", "readers/jsonl.py:pages", 3),
    ("site chrome", "clean/site_chrome.py:_mark", 3),
    ("waiting for the workers", "acquire", 2),
    ("dedup decision", "dedup/deduplicate.py:_link", 3),
    ("entity resolution", "understand/entities.py:resolve", 3),
    ("story assignment", "stories/assign.py:assign", 3),
    ("writing the article and its search row", "store/writer.py:_write", 3),
    ("story state", "stories/assign.py:add", 3),
    ("commit (with the batched counts)", "store/sqlite/store.py:commit", 3),
    ("organising (finishing step)", "stories/organise.py:organise", 3),
    ("SQL statements, all", "method 'execute", 2),
    ("JSON decoding, all", "json/__init__.py:loads", 3),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--understand", action="store_true")
    parser.add_argument("--out", type=Path, help="also keep the profile")
    args = parser.parse_args()
    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "profile.db") as store:
        started, cpu = time.perf_counter(), time.process_time()
        profile.enable()
        ingest([args.pages], store, Settings(workers=args.workers, understand=args.understand))
        profile.disable()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    if args.out:
        profile.dump_stats(args.out)
    stats = pstats.Stats(profile).stats  # {(file, line, function): (calls, primitive, own, cumulative, callers)}
    print(f"| whole run, wall / main-process CPU | {wall:.1f} / {cpu:.1f} |")
    for what, where, column in STAGES:
        seconds = sum(v[column] for k, v in stats.items() if where in f"{k[0]}:{k[2]}")
        print(f"| {what} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
