"""Generated pages through the full pipeline on each executor: wall time, memory, store size (issue 14).

    .venv/bin/python benchmarks/scale.py --pages 20000 [--executors local dask] [--workers 2] [--tmp /tmp/scale]

The pages come from `benchmarks/ingest.py`'s generator (our sample corpus mutated: 70 % text,
15 % HTML, 15 % JSON Lines files, 5 % exact and 5 % near duplicates). Each executor ingests
the same folder into a fresh SQLite store, in its own process, while this script samples the
memory of that process and of all its descendants (workers) every second: the peaks of the
client and of the largest worker are reported. The issue's full run is `--pages 300000` (local
under 30 minutes; Dask no more than 15 % slower); the PostgreSQL store is not built yet.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from ingest import generate  # noqa: E402  (benchmarks/ingest.py)

RASD = Path(sys.executable).parent / "rasd"


def run(folder: Path, db: Path, executor: str, workers: int) -> dict:
    command = [str(RASD), "ingest", str(folder), "--db", str(db), "--executor", executor, "--workers", str(workers), "-q"]
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    client = worker = 0
    while process.poll() is None:
        try:
            client = max(client, process.memory_info().rss)
            worker = max([worker, *(c.memory_info().rss for c in process.children(recursive=True))])
        except psutil.Error:
            pass
        time.sleep(1.0)
    seconds = time.perf_counter() - start
    summary = process.stdout.read().strip().splitlines()[-1] if process.stdout else ""
    return {"executor": executor, "workers": workers, "seconds": round(seconds, 1), "summary": summary,
            "peak_rss_mb_client": round(client / 2**20), "peak_rss_mb_largest_worker": round(worker / 2**20),
            "store_mb": round(db.stat().st_size / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--executors", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tmp", type=Path, default=None, help="where to write the pages and stores")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(dir=args.tmp))
    try:
        folder = tmp / "pages"
        start = time.perf_counter()
        made = generate(folder, args.pages)
        print(json.dumps({"pages": args.pages, "generated_s": round(time.perf_counter() - start, 1), **made}), flush=True)
        for executor in args.executors:
            result = run(folder, tmp / f"{executor}.db", executor, args.workers)
            result["pages_per_s"] = round(args.pages / result["seconds"], 1)
            print(json.dumps(result, ensure_ascii=False), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
