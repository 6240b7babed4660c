"""The web app under concurrent use: a real uvicorn server, 20 client threads, while another
process ingests into the same store file; and the app's own answers when the store fails
or a query runs too long."""

from __future__ import annotations

import itertools
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from rasd.ingest import ingest
from rasd.settings import Settings
from rasd.store import Store
from rasd.web import create_app, views
from web_helpers import assert_secure, running, write_news

FIXTURES = Path(__file__).parents[1] / "fixtures"
CLIENTS = 20
MIN_SECONDS, MAX_SECONDS = 3.0, 60.0  # load for at least this long, and until the ingest ends


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    write_news(tmp_path / "first.jsonl", 40, seed=1)
    paths = [str(FIXTURES / "stories" / "articles.jsonl"), str(FIXTURES / "web" / "articles.jsonl"),
             str(tmp_path / "first.jsonl")]
    with Store(db) as store:
        report = ingest(paths, store, Settings(workers=1))
    assert not report.failures and report.counts["articles"] == 50
    return db


def paths_to_ask(base: str) -> list[str]:
    """Every kind of page, its JSON twin and API form, for ids read from the store."""
    story = httpx.get(f"{base}/api/stories").json()["stories"][0]["id"]
    article = httpx.get(f"{base}/api/articles").json()["articles"][0]["id"]
    entity = httpx.get(f"{base}/api/entities").json()["entities"][0]["id"]
    return ["/", "/.json", "/api/stories?limit=5", f"/stories/{story}", f"/stories/{story}.json",
            f"/api/stories/{story}", "/articles", "/articles?offset=20", f"/articles/{article}",
            f"/api/articles/{article}", "/entities", f"/entities/{entity}", f"/entities/{entity}.json",
            "/events", "/storylines", "/search?q=المياه", "/api/search?q=التعاون+الطاقة",
            "/search.json?q=سالم", "/?entity=ليلى منصور", "/api/articles?limit=1"]


def test_twenty_clients_while_an_ingest_writes(store: Path, tmp_path: Path) -> None:
    more = write_news(tmp_path / "more.jsonl", 300, seed=2)
    (tmp_path / "rasd.toml").write_text("[rasd]\nbatch_size = 5\n")  # commit often: readers see many versions
    errors: list[tuple[str, object]] = []
    totals: set[int] = set()
    done = itertools.count()
    with running(create_app(store)) as base:
        paths = paths_to_ask(base)
        ingest = subprocess.Popen(
            [sys.executable, "-m", "rasd.cli", "ingest", str(more), "--db", str(store), "--workers", "1",
             "--config", str(tmp_path / "rasd.toml"), "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        start = time.monotonic()

        def loading() -> bool:
            elapsed = time.monotonic() - start
            return elapsed < MIN_SECONDS or (ingest.poll() is None and elapsed < MAX_SECONDS)

        def client(offset: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as http:
                for path in itertools.islice(itertools.cycle(paths), offset, None):
                    if not loading():
                        return
                    try:
                        response = http.get(path)
                    except httpx.HTTPError as exc:
                        errors.append((path, repr(exc)))
                        continue
                    next(done)
                    if response.status_code != 200:
                        errors.append((path, response.status_code, response.text[:200]))
                    elif path == "/api/articles?limit=1":
                        totals.add(response.json()["page"]["total"])

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        out, err = ingest.communicate(timeout=60)
    requests = next(done)
    print(f"{requests} requests by {CLIENTS} clients in {time.monotonic() - start:.1f} s during an ingest; "
          f"{len(totals)} different article totals seen")
    assert ingest.returncode == 0, err.decode()[-2000:]
    assert b"300 new pages" in out
    assert not errors, errors[:5]
    assert requests >= 200
    assert len(totals) >= 3, f"the load did not overlap the ingest's commits: totals {sorted(totals)}"


@pytest.fixture
def client(store: Path) -> TestClient:
    return TestClient(create_app(store, Settings(query_time_limit=0.2)), raise_server_exceptions=False)


def test_a_query_over_the_time_limit_is_cut_off_with_503(client: TestClient, monkeypatch) -> None:
    def slow(store, story_id):  # seconds of counting: ends even if nothing cuts it off
        store.db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000000)"
                         " SELECT max(i) FROM n").fetchone()

    monkeypatch.setattr(views, "story", slow)
    start = time.monotonic()
    response = client.get("/api/stories/any")
    assert time.monotonic() - start < 5  # cut off near 0.2 s, not left running
    assert response.status_code == 503
    assert "too long" in response.json()["error"]["message"]
    assert client.get("/api/stories").status_code == 200  # the connection is usable again, without the deadline


@pytest.mark.parametrize("failure, status", [
    (sqlite3.OperationalError("database is locked"), 503),
    (sqlite3.OperationalError("disk I/O error"), 503),
    (RuntimeError("a bug"), 500),
    (KeyError("oops"), 500),
])
def test_store_failures_and_bugs_get_the_apps_own_answer(client: TestClient, monkeypatch, failure, status) -> None:
    def fail(store, story_id):
        raise failure

    monkeypatch.setattr(views, "story", fail)
    for path in ("/api/stories/x", "/stories/x.json"):
        response = client.get(path)
        assert response.status_code == status
        assert response.json() == {"error": {"status": status, "message": response.json()["error"]["message"]}}
        assert "Traceback" not in response.text and "a bug" not in response.text
        assert_secure(response.headers, path)
    page = client.get("/stories/x")
    assert page.status_code == status and '<html lang="ar" dir="rtl">' in page.text
    assert_secure(page.headers, "/stories/x")


def test_serve_on_a_busy_port_is_one_line_and_exit_2(store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "rasd.cli", "serve", "--db", str(store), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""  # no banner before the failure
    assert done.stderr.strip().splitlines() == [f"error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_serve_with_two_worker_processes(store: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "rasd.cli", "serve", "--db", str(store), "--port", str(port),
                               "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline and server.poll() is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=5)
            except httpx.TransportError:
                time.sleep(0.2)
        assert answer is not None and answer.status_code == 200, f"rasd serve: exit code {server.poll()}"
        assert answer.json()["stories"]
    finally:
        server.terminate()
        server.wait(30)
