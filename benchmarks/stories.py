"""Story assignment cost per new article as the archive grows (issue 5).

Builds archives of N generated articles (default 10k and 100k) with the real assigner and
story tables in SQLite, then times the next `--probe` articles: vector, candidate look-up,
scoring and the story update, as one new article costs in `rasd ingest`.

    .venv/bin/python benchmarks/stories.py --tmp /tmp/bench-stories [--sizes 10000 100000]

Generated text: pseudo-words (a Zipf-distributed background vocabulary of 40k words) plus,
per happening, 12 words and 3 entities of its own; a happening is reported by 1–6
articles over 0–3 days; 150 articles a day, so a 4-day window holds about 600 articles.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from rasd.record import Article
from rasd.settings import Settings
from rasd.store import Store
from rasd.stories import StoryAssigner
from rasd.stories.assign import StoryRecorder

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PER_DAY = 150


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 8)))


def articles(n: int, seed: int = 7):
    rng = random.Random(seed)
    background = [_word(rng) for _ in range(40_000)]
    weights = [1 / (r + 1) for r in range(len(background))]
    start, made, happening = date(2022, 1, 1), 0, 0
    while made < n:
        happening += 1
        own = [_word(rng) for _ in range(12)]
        actors = [f"h{happening}-{k}" for k in range(3)] + [f"common{rng.randint(0, 300)}"]
        day = start + timedelta(days=made // PER_DAY)
        for k in range(rng.randint(1, 6)):
            words = rng.choices(background, weights, k=80) + rng.choices(own, k=40)
            text = " ".join(words)
            entities = [{"text": a, "start": 0, "end": 1, "type": "PER", "entity_id": a} for a in actors]
            published = (day + timedelta(days=rng.randint(0, 3) if k else 0)).isoformat()
            yield Article(page=f"p{made}", path="gen", id=f"a{made}", title=" ".join(rng.choices(own, k=6)),
                          text=text, published=published, entities=entities)
            made += 1
            if made >= n:
                return


def run(size: int, probe: int, tmp: Path) -> dict:
    db = tmp / f"stories-{size}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store, settings = Store(db), Settings()
    assigner, recorder = StoryAssigner(store.stories, settings), StoryRecorder(store.stories, settings)
    stream = articles(size + probe)
    t0 = time.perf_counter()
    store.begin()
    for i, article in enumerate(stream):
        if i == size:
            break
        _assign(assigner, recorder, article)
        if i % 2000 == 1999:
            store.commit()
            store.begin()
    store.commit()
    build = time.perf_counter() - t0
    costs = []
    store.begin()
    for article in [article, *stream]:
        t = time.perf_counter()
        _assign(assigner, recorder, article)
        costs.append((time.perf_counter() - t) * 1000)
    store.commit()
    stories = store.db.execute("SELECT count(*) FROM stories").fetchone()[0]
    store.close()
    costs.sort()
    return {"archive": size, "stories": stories, "build_s": round(build, 1),
            "ms_mean": round(statistics.mean(costs), 3), "ms_p50": round(costs[len(costs) // 2], 3),
            "ms_p95": round(costs[int(len(costs) * 0.95)], 3),
            "db_mb": round(db.stat().st_size / 2**20, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def _assign(assigner: StoryAssigner, recorder: StoryRecorder, article: Article) -> None:
    assigner.assign(article)
    recorder.add(article)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--probe", type=int, default=1000)
    parser.add_argument("--tmp", type=Path, default=Path("/tmp/bench-stories"))
    args = parser.parse_args()
    args.tmp.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        print(json.dumps(run(size, args.probe, args.tmp)), flush=True)


if __name__ == "__main__":
    main()
