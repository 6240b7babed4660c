"""A run killed at any instant, or stopped by a full disk, resumes exactly: the store ends as an
uninterrupted run leaves it, export and every counter alike, and no worker outlives its run."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from news_corpus import write_corpus
from store_snapshot import counter_problems, snapshot

PAGES = 400
KILLS = 10


def ingest_cmd(inputs: Path, db: Path, config: Path) -> list[str]:
    return [sys.executable, "-m", "rasd.cli", "ingest", str(inputs), "--db", str(db), "--config", str(config), "-q"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("crash")
    config = root / "rasd.toml"
    config.write_text("[rasd]\nbatch_size = 7\nworkers = 2\n")  # many commits: many instants between them
    return write_corpus(root / "in", PAGES), config


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory) -> tuple[Path, float]:
    inputs, config = corpus
    db = tmp_path_factory.mktemp("whole") / "whole.db"
    started = time.monotonic()
    subprocess.run(ingest_cmd(inputs, db, config), check=True, capture_output=True)
    return db, time.monotonic() - started


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return found


def gone(pids: list[int], within: float = 10.0) -> list[int]:
    """The pids still alive (not zombies) after `within` seconds."""
    deadline = time.monotonic() + within
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if _alive(p)]
    return alive


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_at_random_instants_resumes_exactly(corpus, uninterrupted, tmp_path):
    inputs, config = corpus
    whole, duration = uninterrupted
    db = tmp_path / "killed.db"
    rng = random.Random(2026)
    kills, stored_before, orphans = 0, 0, []
    startup = min(duration / 2, 2.5)  # imports, model loading, reading the store
    while kills < KILLS:
        left = startup + (duration - startup) * (1 - stored_before / PAGES)
        proc = subprocess.Popen(ingest_cmd(inputs, db, config), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, left / 2))  # any instant: starting up, reading, writing, organising
        workers = children(proc.pid)
        if proc.poll() is not None:
            break  # finished before its kill: the rest is the final run's
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        kills += 1
        orphans += gone(workers)
        if db.exists():
            problems = counter_problems(db)
            assert not problems, f"after kill {kills}: {problems}"
            with sqlite3.connect(db) as con:
                stored = con.execute("SELECT count(*) FROM pages").fetchone()[0]
            assert stored >= stored_before  # nothing committed is ever lost
            stored_before = stored
    assert kills >= KILLS // 2, f"only {kills} runs could be killed before they finished"
    assert 0 < stored_before < PAGES, "the kills should have landed part-way through"
    assert not orphans, f"worker processes outlived their killed parent: {orphans}"

    final = subprocess.run(ingest_cmd(inputs, db, config), capture_output=True, text=True)
    assert final.returncode == 0, final.stderr
    assert counter_problems(db) == []
    expected, got = snapshot(whole), snapshot(db)
    for table in expected:
        assert got[table] == expected[table], f"{table} differs after {kills} kills"


def _mount(target: Path, size: str, *options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    opts = ",".join((f"size={size}", *options))
    return subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(target)],
                          capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    if os.geteuid() != 0 or not shutil.which("mount") or not _mount(disk, "1200k"):
        pytest.skip("needs root and tmpfs mounts to make a small disk")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_full_disk_stops_cleanly_and_resumes_exactly(corpus, uninterrupted, small_disk, tmp_path):
    inputs, config = corpus
    whole, _ = uninterrupted
    db = small_disk / "full.db"
    run = subprocess.run(ingest_cmd(inputs, db, config), capture_output=True, text=True)
    assert run.returncode == 3, (run.returncode, run.stderr[-2000:])
    assert "full" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) <= 3  # a message, not a traceback

    moved = tmp_path / "bigger"  # the user frees space by moving the store to a bigger disk
    moved.mkdir()
    for suffix in ("", "-wal"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy(f"{db}{suffix}", moved / f"full.db{suffix}")
    with sqlite3.connect(moved / "full.db") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = con.execute("SELECT count(*) FROM pages").fetchone()[0]
    assert 0 < partial < PAGES, "the disk should fill part-way through"
    assert counter_problems(moved / "full.db") == []

    rerun = subprocess.run(ingest_cmd(inputs, moved / "full.db", config), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    expected, got = snapshot(whole), snapshot(moved / "full.db")
    for table in expected:
        assert got[table] == expected[table], f"{table} differs after the disk-full stop"


def test_read_only_store_is_refused_clearly(corpus, uninterrupted, tmp_path):
    inputs, config = corpus
    whole, _ = uninterrupted
    disk = tmp_path / "ro"
    if os.geteuid() != 0 or not _mount(disk, "20m"):
        pytest.skip("needs root and tmpfs mounts to make a read-only disk")
    try:
        shutil.copy(whole, disk / "ro.db")
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        run = subprocess.run(ingest_cmd(inputs, disk / "ro.db", config), capture_output=True, text=True)
        assert run.returncode == 2, run.stderr[-2000:]
        assert "read-only" in run.stderr and "Traceback" not in run.stderr
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
