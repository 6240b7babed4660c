"""`rasd ingest` against the do-it-yourself MinHash baseline (benchmarks/baseline_minhash.py).

    .venv/bin/python benchmarks/vs_baseline.py [--pages PAGES.jsonl] [--limit N] [--workers 2]
        [--trials 3] [--full-trials 1] [--json OUT.json]

Both run as whole processes on the same JSON Lines input, alternating (baseline, rasd
--no-understand, baseline, ...) `--trials` times, then the full `rasd ingest` (with
understanding) `--full-trials` times, each rasd run in a fresh temporary store. Without
`--pages`, SaudiNewsNet (../shared/data/saudinewsnet/saudinewsnet.jsonl.gz) is converted as
benchmarks/saudinewsnet.py does. Wall time is time.perf_counter around the process. Peak RSS
is the rusage os.wait4 returns for the process: on Linux the largest single process of its
tree (it and the descendants it waited for), not their sum. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from saudinewsnet import DATA, to_pages  # benchmarks/ is on sys.path when this file is run

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent  # .venv/bin when run with .venv/bin/python


def run(cmd: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of one process, which must end with an `ok` code."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        # wait4 rather than RUSAGE_CHILDREN: that is a maximum over every child so far, so a
        # smaller later run would not show; wait4 gives this process tree's own figure.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if proc.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{err.read()[-2000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read()


def duplicates(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        found = dict(con.execute("SELECT json_extract(meta, '$.duplicate.method'), count(*) FROM articles "
                                 "WHERE duplicate_of IS NOT NULL GROUP BY 1"))
        return found | {"failed_pages": con.execute("SELECT count(*) FROM errors").fetchone()[0]}
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, help="JSON Lines pages (default: SaudiNewsNet, converted)")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--full-trials", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the raw timings here")
    args = parser.parse_args()
    load = os.getloadavg()[0]  # before our runs: the machine is shared

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pages = args.pages
        if pages is None:
            if not DATA.exists():
                raise SystemExit(f"no SaudiNewsNet at {DATA}; give --pages")
            pages = tmp / "snn.jsonl"
            to_pages(DATA, pages)
        if args.limit is not None:  # rasd ingest has no limit, so both read the same cut file
            cut = tmp / "cut.jsonl"
            with pages.open(encoding="utf-8") as fin, cut.open("w", encoding="utf-8") as fout:
                for _, line in zip(range(args.limit), fin):
                    fout.write(line)
            pages = cut
        n = sum(1 for line in pages.open(encoding="utf-8") if line.strip())

        rasd = [str(BIN / "rasd"), "ingest", str(pages), "--workers", str(args.workers), "--quiet"]
        plan = [("baseline", [sys.executable, str(HERE / "baseline_minhash.py"), str(pages)]),
                ("rasd --no-understand", rasd + ["--no-understand"])] * args.trials
        plan += [("rasd (understand)", rasd)] * args.full_trials
        runs = []
        for i, (name, cmd) in enumerate(plan):
            db = tmp / f"run{i}.db"
            cmd = cmd + ["--db", str(db)] if name != "baseline" else cmd
            # rasd exits 1 when some pages failed (SaudiNewsNet has blank articles): still a full run.
            seconds, rss, out = run(cmd, ok=(0,) if name == "baseline" else (0, 1))
            found = json.loads(out) if name == "baseline" else duplicates(db)
            runs.append({"command": name, "seconds": seconds, "peak_rss_mb": rss, "duplicates": found})
            print(f"{name}: {seconds:.2f} s, {rss:.0f} MB, {found}", file=sys.stderr)
            db.unlink(missing_ok=True)

    names = list(dict.fromkeys(r["command"] for r in runs))
    medians = {c: statistics.median(r["seconds"] for r in runs if r["command"] == c) for c in names}
    base = medians.get("baseline")
    print(f"{n} pages, {args.workers} workers for rasd; {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, load average {load:.1f} at start\n")
    print("| command | wall median (s) | min | max | pages/s | vs baseline | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for c in names:
        times = [r["seconds"] for r in runs if r["command"] == c]
        rss = max(r["peak_rss_mb"] for r in runs if r["command"] == c)
        ratio = f"{medians[c] / base:.2f}×" if base else "–"
        print(f"| {c} | {medians[c]:.2f} | {min(times):.2f} | {max(times):.2f} | {n / medians[c]:.0f} | {ratio} | {rss:.0f} |")
    print("\nvs baseline: median wall time over the baseline's (below 1 is faster). Peak RSS: largest single process.")
    if args.json:
        args.json.write_text(json.dumps({
            "pages": n, "workers": args.workers, "cpus": os.cpu_count(), "python": platform.python_version(),
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "runs": runs,
        }, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
