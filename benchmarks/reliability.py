"""Heavier reliability runs than `make test` has time for; figures go to docs/RELIABILITY.md.

    .venv/bin/python benchmarks/reliability.py kills [--pages 3000] [--kills 30] [--seed 1]
    .venv/bin/python benchmarks/reliability.py disk-full [--pages 3000] [--sizes 2m,4m,8m]   (root: tmpfs)
    .venv/bin/python benchmarks/reliability.py long-pages [--sizes 100k,400k,1m,2m]
    .venv/bin/python benchmarks/reliability.py memory PATH... [--workers 2]   (peak RSS of the whole process tree)

`kills` SIGKILLs an ingest of a generated corpus (tests/reliability/news_corpus.py, our own
writing) at random instants, resumes it each time, and compares the store with an
uninterrupted run's: export and every counter table. `disk-full` runs the ingest on a tmpfs of
each size, expects exit 3 and a consistent store, moves the store to a bigger disk, resumes, and
compares. `long-pages` times one page of each size through the whole pipeline. `memory` samples
the summed RSS of `rasd ingest` and its workers every 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reliability"))
from news_corpus import write_corpus  # noqa: E402 - shared with the tests
from store_snapshot import counter_problems, snapshot  # noqa: E402

RASD = [sys.executable, "-m", "rasd.cli"]


def _ingest(inputs: Path, db: Path, config: Path) -> list[str]:
    return [*RASD, "ingest", str(inputs), "--db", str(db), "--config", str(config), "-q"]


def _setup(root: Path, pages: int, batch: int) -> tuple[Path, Path, Path, float]:
    inputs = write_corpus(root / "in", pages)
    config = root / "rasd.toml"
    config.write_text(f"[rasd]\nbatch_size = {batch}\n")
    whole = root / "whole.db"
    started = time.monotonic()
    subprocess.run(_ingest(inputs, whole, config), check=True, capture_output=True)
    return inputs, config, whole, time.monotonic() - started


def _differences(expected: Path, got: Path) -> list[str]:
    a, b = snapshot(expected), snapshot(got)
    return [table for table in a if a[table] != b[table]]


def kills(args: argparse.Namespace) -> dict:
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs, config, whole, duration = _setup(root, args.pages, args.batch)
        db, landed, stored, problems = root / "killed.db", 0, 0, []
        while landed < args.kills:
            left = 2.5 + (duration - 2.5) * (1 - stored / args.pages)
            proc = subprocess.Popen(_ingest(inputs, db, config), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.1, max(0.2, left / 2)))
            if proc.poll() is not None:
                break
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            landed += 1
            if db.exists():
                problems += counter_problems(db)
                with sqlite3.connect(db) as con:
                    stored = con.execute("SELECT count(*) FROM pages").fetchone()[0]
        subprocess.run(_ingest(inputs, db, config), check=True, capture_output=True)
        return {"pages": args.pages, "uninterrupted_s": round(duration, 1), "kills": landed,
                "counter_problems_after_kills": problems, "tables_differing": _differences(whole, db)}


def disk_full(args: argparse.Namespace) -> dict:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs, config, whole, _ = _setup(root, args.pages, args.batch)
        for size in args.sizes.split(","):
            disk = root / f"disk-{size}"
            disk.mkdir()
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], check=True)
            try:
                run = subprocess.run(_ingest(inputs, disk / "s.db", config), capture_output=True, text=True)
                moved = root / f"moved-{size}"
                moved.mkdir()
                for suffix in ("", "-wal"):
                    if (disk / f"s.db{suffix}").exists():
                        shutil.copy(disk / f"s.db{suffix}", moved / f"s.db{suffix}")
            finally:
                subprocess.run(["umount", "-l", str(disk)], check=True)
            with sqlite3.connect(moved / "s.db") as con:
                integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
                partial = con.execute("SELECT count(*) FROM pages").fetchone()[0]
            resumed = subprocess.run(_ingest(inputs, moved / "s.db", config), capture_output=True, text=True)
            out.append({"disk": size, "exit": run.returncode, "message": run.stderr.strip()[:160],
                        "stderr_lines": len(run.stderr.strip().splitlines()), "integrity": integrity,
                        "pages_kept": partial, "resume_exit": resumed.returncode,
                        "counter_problems": counter_problems(moved / "s.db"),
                        "tables_differing": _differences(whole, moved / "s.db")})
    return {"pages": args.pages, "runs": out}


def long_pages(args: argparse.Namespace) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from long_page import write_long_page

    out = []
    for size in args.sizes.split(","):
        n = int(float(size.rstrip("kKmM")) * (1000 if size[-1] in "kK" else 1_000_000))
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            write_long_page(folder / "page.txt", n)
            started = time.monotonic()
            run = subprocess.run(["/usr/bin/time", "-f", "%M", *RASD, "ingest", str(folder), "--db", f"{tmp}/l.db",
                                  "--workers", "1", "-q"], capture_output=True, text=True)
            out.append({"bytes": n, "seconds": round(time.monotonic() - started, 2), "exit": run.returncode,
                        "peak_rss_mb": round(int(run.stderr.strip().splitlines()[-1]) / 1024),
                        "result": run.stdout.strip()})
    return {"pages": out}


def memory(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [*RASD, "ingest", *args.paths, "--db", f"{tmp}/m.db", "--workers", str(args.workers), "-q"]
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peak_total = peak_one = 0
        while proc.poll() is None:
            rss = [_rss(p) for p in [proc.pid, *_descendants(proc.pid)]]
            peak_total, peak_one = max(peak_total, sum(rss)), max(peak_one, *rss)
            time.sleep(0.2)
        return {"command": " ".join(cmd[3:]), "seconds": round(time.monotonic() - started, 1),
                "peak_rss_total_mb": peak_total // 1024, "peak_rss_one_process_mb": peak_one // 1024,
                "result": proc.stdout.read().strip().splitlines()[-1:]}


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def _descendants(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        kids.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return kids + [k for kid in kids for k in _descendants(kid)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    k = sub.add_parser("kills")
    k.add_argument("--pages", type=int, default=3000)
    k.add_argument("--kills", type=int, default=30)
    k.add_argument("--batch", type=int, default=25)
    k.add_argument("--seed", type=int, default=1)
    d = sub.add_parser("disk-full")
    d.add_argument("--pages", type=int, default=3000)
    d.add_argument("--batch", type=int, default=25)
    d.add_argument("--sizes", default="2m,5m,10m")
    lp = sub.add_parser("long-pages")
    lp.add_argument("--sizes", default="100k,400k,1m,2m")
    m = sub.add_parser("memory")
    m.add_argument("paths", nargs="+")
    m.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    result = {"kills": kills, "disk-full": disk_full, "long-pages": long_pages, "memory": memory}[args.what](args)
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
