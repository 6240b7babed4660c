"""The web app under load: `rasd serve` on a store, many clients at once, for a bounded time.

    .venv/bin/python benchmarks/load_web.py --db /work/snn/snn.db --seconds 60 --clients 20 --workers 2

Starts `rasd serve` (a subprocess, on 127.0.0.1 and a free port), reads a sample of ids
and words from its API, then runs `--clients` threads, each with its own keep-alive
connection, for `--seconds`: each request is a page kind drawn in turn from KINDS (the
timeline, story, entity and article pages, search, their JSON twins, the API, deep
offsets). It prints requests per second, p50/p95/p99 per page kind and overall, and the
errors (any status other than 200, or no answer within 30 s), then stops the server. It
only ever connects to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import itertools
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from urllib.parse import quote

import httpx

HOST = "127.0.0.1"
KINDS = ["timeline", "timeline.json", "timeline deep", "story", "story.json", "entity", "entity.json",
         "article", "articles deep", "search", "api search", "api stories", "entities deep", "events deep",
         "storylines", "api entity"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "rasd.cli", "serve", "--db", db, "--host", HOST, "--port", str(port)]
    server = subprocess.Popen(command + (["--workers", str(workers)] if workers > 1 else []))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"rasd serve stopped with exit code {server.returncode}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/stories?limit=1", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("rasd serve did not answer within 120 s")


def sample(base: str, rng: random.Random) -> dict[str, list]:
    """Ids and words to ask for: recent and old stories, busy and rare entities, articles."""
    get = lambda path: httpx.get(base + path, timeout=60).json()  # noqa: E731
    stories = get("/api/stories?limit=200")["stories"] + get("/api/stories?limit=200&offset=2000")["stories"]
    entities = get("/api/entities?limit=200")["entities"] + get("/api/entities?limit=200&offset=5000")["entities"]
    articles = get("/api/articles?limit=200")["articles"] + get("/api/articles?limit=200&offset=10000")["articles"]
    total = get("/api/articles?limit=1")["page"]["total"]
    words = [w for a in articles for w in (a["title"] or "").split() if len(w) > 3]
    return {"stories": [s["id"] for s in stories], "entities": [e["id"] for e in entities],
            "articles": [a["id"] for a in articles], "words": rng.sample(words, min(300, len(words))),
            "names": [e["name"] for e in entities[:100]], "total": [total]}


def path_for(kind: str, ids: dict[str, list], rng: random.Random) -> str:
    pick = lambda key: quote(str(rng.choice(ids[key])))  # noqa: E731
    deep = lambda: rng.randrange(0, max(1, ids["total"][0]))  # noqa: E731
    return {
        "timeline": "/", "timeline.json": "/.json", "timeline deep": f"/?offset={deep() // 3}",
        "story": f"/stories/{pick('stories')}", "story.json": f"/stories/{pick('stories')}.json",
        "entity": f"/entities/{pick('entities')}", "entity.json": f"/entities/{pick('entities')}.json",
        "api entity": f"/api/entities/{pick('entities')}",
        "article": f"/articles/{pick('articles')}", "articles deep": f"/articles?offset={deep()}",
        "search": f"/search?q={pick('words')}", "api search": f"/api/search?q={pick('words')}+{pick('words')}",
        "api stories": f"/api/stories?entity={pick('names')}", "entities deep": f"/entities?offset={deep()}",
        "events deep": f"/events?offset={deep() // 10}", "storylines": f"/storylines?offset={deep() // 100}",
    }[kind]


def client(base: str, ids: dict[str, list], until: float, seed: int, out: list, errors: list) -> None:
    rng = random.Random(seed)
    kinds = itertools.cycle(rng.sample(KINDS, len(KINDS)))
    with httpx.Client(base_url=base, timeout=30) as http:
        while time.monotonic() < until:
            kind = next(kinds)
            path = path_for(kind, ids, rng)
            start = time.perf_counter()
            try:
                status = http.get(path).status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            out.append((kind, time.perf_counter() - start))
            if status != 200:
                errors.append((kind, path, status))


def percentiles(times: list[float]) -> str:
    q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return f"{len(times):>7} {q[49] * 1000:>8.1f} {q[94] * 1000:>8.1f} {q[98] * 1000:>8.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="rasd serve --workers")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    port = free_port()
    server = start_server(args.db, port, args.workers)
    try:
        base = f"http://{HOST}:{port}"
        ids = sample(base, random.Random(args.seed))
        if not all(ids.values()):
            raise SystemExit(f"the store lacks {', '.join(k for k, v in ids.items() if not v)}: ingest more, with understanding")
        results: list[tuple[str, float]] = []
        errors: list[tuple[str, str, object]] = []
        start = time.monotonic()
        threads = [threading.Thread(target=client, args=(base, ids, start + args.seconds, args.seed + i, results, errors))
                   for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
    finally:
        server.terminate()
        server.wait(30)
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, seconds in results:
        by_kind[kind].append(seconds)
    print(f"{len(results)} requests in {elapsed:.1f} s by {args.clients} clients, {args.workers} server workers: "
          f"{len(results) / elapsed:.1f} requests/s, {len(errors)} errors")
    print(f"{'kind':<15}{'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind in KINDS:
        if by_kind[kind]:
            print(f"{kind:<15}{percentiles(by_kind[kind])}")
    print(f"{'all':<15}{percentiles([s for _, s in results])}")
    for kind, path, status in errors[:20]:
        print(f"error: {kind} {path} -> {status}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
