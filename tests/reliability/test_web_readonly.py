"""Serving a store that cannot be written: a copy in a read-only folder, without its -wal and
-shm files.

The tests run as root, and root writes into a chmod 555 folder anyway (SQLite would quietly
make the -shm there). So the checks that matter run in a child process as `nobody`
(setpriv), for whom the folder really is read-only; run as another user, they run directly.
As root without setpriv they are skipped: root cannot test them.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

import pytest

from rasd.ingest import ingest
from rasd.settings import Settings
from rasd.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"
AS_ROOT = os.geteuid() == 0
SETPRIV = shutil.which("setpriv")
needs_a_reader = pytest.mark.skipif(AS_ROOT and not SETPRIV, reason="as root, a read-only folder needs setpriv to test")

SERVE = """
import json, sys
from fastapi.testclient import TestClient
from rasd.web import create_app
client = TestClient(create_app(sys.argv[1]))
story = client.get("/api/stories").json()["stories"][0]["id"]
article = client.get("/api/articles").json()["articles"][0]["id"]
entity = client.get("/api/entities").json()["entities"][0]["id"]
paths = ["/", "/.json", f"/stories/{story}", f"/articles/{article}", f"/entities/{entity}", "/articles?offset=3",
         "/entities", "/events", "/storylines", "/search?q=اليرموك", "/api/search?q=ترمب", "/static/rasd.css"]
print(json.dumps({p: client.get(p).status_code for p in paths}))
"""


@pytest.fixture(scope="module")
def source_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("ro") / "source.db"
    paths = [str(FIXTURES / "stories" / "articles.jsonl"), str(FIXTURES / "web" / "articles.jsonl")]
    with Store(db) as store:
        report = ingest(paths, store, Settings(workers=1))
    assert not report.failures
    return db


@pytest.fixture
def folder():
    """A folder `nobody` can reach (pytest's own are private to root); made read-only by the test."""
    path = Path(tempfile.mkdtemp(prefix="rasd-ro-"))
    path.chmod(0o755)
    yield path
    path.chmod(0o755)
    shutil.rmtree(path)


def single_file_copy(db: Path, to: Path) -> Path:
    """The store as one file, as `sqlite3 .backup` or a copy of a closed store leaves it: no -wal, no -shm."""
    with sqlite3.connect(db) as src, sqlite3.connect(to) as dst:
        src.backup(dst)
    dst.close()
    return to


def lock(folder: Path) -> None:
    for file in folder.iterdir():
        file.chmod(0o444)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)


def as_reader(*args: str) -> subprocess.CompletedProcess:
    """Run Python with `args` as a user the read-only folder holds back (nobody, when we are root)."""
    command = [sys.executable, *args]
    if AS_ROOT:
        nobody = pwd.getpwnam("nobody")
        command = [SETPRIV, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/", env={**os.environ, "HOME": "/tmp"})


@needs_a_reader
def test_a_single_file_copy_in_a_read_only_folder_is_served(source_db: Path, folder: Path) -> None:
    db = single_file_copy(source_db, folder / "store.db")
    lock(folder)
    done = as_reader("-c", SERVE, str(db))
    assert done.returncode == 0, done.stderr[-2000:]
    statuses = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(statuses.values()) == {200}, statuses
    assert sorted(p.name for p in folder.iterdir()) == ["store.db"]  # nothing was made beside it


@needs_a_reader
def test_unsaved_wal_changes_in_a_read_only_folder_are_a_clear_refusal(source_db: Path, folder: Path) -> None:
    db = single_file_copy(source_db, folder / "store.db")
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("UPDATE stories SET title = 'changed' WHERE num = 1")  # lands in the -wal, not the file
    (folder / "store.db-shm").unlink()  # copied without it: only -wal and the file stay
    lock(folder)
    done = as_reader("-m", "rasd.cli", "serve", "--db", str(db), "--port", "1")
    writer.close()
    assert done.returncode == 2, done.stderr[-2000:]
    assert "-wal" in done.stderr and "checkpoint" in done.stderr and "Traceback" not in done.stderr


@needs_a_reader
def test_an_old_store_that_cannot_be_upgraded_says_so(folder: Path) -> None:
    db = folder / "old.db"
    with sqlite3.connect(db) as old:  # a store of schema version 1, as Rasd's first release left it
        old.executescript((resources.files("rasd.store.sqlite") / "migrations" / "0001_initial.sql").read_text("utf-8"))
        old.execute("PRAGMA user_version=1")
    old.close()
    lock(folder)
    done = as_reader("-m", "rasd.cli", "serve", "--db", str(db), "--port", "1")
    assert done.returncode == 2, done.stderr[-2000:]
    message = " ".join(done.stderr.replace("│", " ").split())
    assert "schema version 1" in message and "cannot be upgraded" in message, message
    assert "Traceback" not in done.stderr


def test_a_single_file_copy_is_served_in_process(source_db: Path, folder: Path) -> None:
    """The same copy, opened here (as root: SQLite may make its -shm, chmod or not)."""
    from fastapi.testclient import TestClient

    from rasd.web import create_app

    db = single_file_copy(source_db, folder / "store.db")
    lock(folder)
    client = TestClient(create_app(db))
    assert client.get("/").status_code == 200
    assert client.get("/api/search", params={"q": "اليرموك"}).json()["total"] >= 1
