"""Search latency and index size on a generated 100k-article store.

    .venv/bin/python benchmarks/search.py --articles 100000 --db /tmp/search_bench.db
    .venv/bin/python benchmarks/search.py --db /tmp/search_bench.db --reuse    # only the queries

The store is made of our own writing: the evaluation articles (eval/stories,
eval/understand, eval/events_holdout) are ingested with the real pipeline (entities
resolved), then every generated article mixes 6-14 sentences drawn from them, with a
quarter of the words replaced by pseudo-words from a Zipf-distributed vocabulary of 200k
(so the index has a realistic long tail, not 115 articles' vocabulary), a clitic (و ب ل)
added to some words, a random source of 24, a date over 2015-2025, a story id of 20k, and
the entity mentions of the articles its first two sentences came from; 5 % are exact duplicates of
an earlier article. Articles go through `Store.add_article` and `store.search.add` (so they are
indexed exactly as an ingest indexes them), with fake fingerprints and no LSH bands.

Queries (several hundred): the judged evaluation queries, frequent / mid / rare single
words, clitic forms, two- and three-word queries from the text, entity names in other
spellings, and the same with filters (dates, source, entity, story) and deeper pages.
Each is timed through `rasd.search.search(limit=20)`: planning, counting, ranking,
fetching and snippets. The first pass warms the page cache; the second is reported.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rasd.arabic.text import sentences
from rasd.ingest import ingest
from rasd.record import Article, Fingerprint, digest
from rasd.search import search
from rasd.arabic.tokens import index_text, words
from rasd.settings import Settings
from rasd.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [ROOT / "eval" / "stories" / "articles.jsonl", ROOT / "eval" / "understand" / "articles.jsonl",
          ROOT / "eval" / "events_holdout" / "articles.jsonl"]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def pseudo_vocabulary(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 8))) for _ in range(n)]


def build(db: Path, n: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "src.db") as store:
            ingest([str(p) for p in CORPUS if p.exists()], store, Settings(workers=1))
        src = Store(Path(tmp) / "src.db")
        pool = []  # (sentence, mentions of its article)
        for a in src.articles():
            if a["duplicate_of"]:
                continue
            mentions = [{k: m[k] for k in ("text", "type", "entity_id")} for m in a["entities"] if m.get("entity_id")]
            pool += [(a["text"][s:e], mentions) for s, e in sentences(a["text"])]
        entities = src.db.execute("SELECT num, id, type, name, mentions FROM entities").fetchall()
        variants = src.db.execute("SELECT entity_num, variant, count FROM entity_variants").fetchall()
        keys = src.db.execute("SELECT key, type, entity_num FROM entity_keys").fetchall()
        src.close()
    vocab = pseudo_vocabulary(rng, 200_000)
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocab))))
    sources = [f"مصدر {i}" for i in range(24)]
    db.unlink(missing_ok=True)
    store = Store(db)
    store.begin()
    store.db.executemany("INSERT INTO entities (num, id, type, name, mentions) VALUES (?, ?, ?, ?, ?)", entities)
    store.db.executemany("INSERT INTO entity_variants (entity_num, variant, count) VALUES (?, ?, ?)", variants)
    store.db.executemany("INSERT INTO entity_keys (key, type, entity_num) VALUES (?, ?, ?)", keys)
    store.commit()
    t0 = time.perf_counter()
    index_seconds = 0.0
    made: list[tuple[str, str, str]] = []
    for i in range(n):
        if i % 1000 == 0:
            store.commit()
            store.begin()
        if made and rng.random() < 0.05:
            original_id, title, text = rng.choice(made)
            duplicate_of, mentions = original_id, []
        else:
            picked = rng.sample(pool, rng.randint(6, 14))
            fillers = iter(rng.choices(vocab, cum_weights=cumulative, k=400))
            body = []
            for sentence, _ in picked:
                ws = sentence.split()
                for j in range(len(ws)):
                    r = rng.random()
                    if r < 0.25:
                        ws[j] = next(fillers)
                    elif r < 0.30:
                        ws[j] = rng.choice("وبل") + ws[j]
                body.append(" ".join(ws))
            text = "\n\n".join(" ".join(body[k:k + 3]) for k in range(0, len(body), 3))
            title = " ".join(picked[0][0].split()[:rng.randint(6, 11)])
            duplicate_of = None
            mentions = [m for _, ms in picked[:2] for m in ms]  # the entities of the two leading sentences' articles
        page = f"g{i}"
        key = digest(page)
        article = Article(page=page, path=f"{page}.txt", text=text, page_key=key, id=digest(key, "0"), title=title,
                          source=rng.choice(sources), published=f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                          duplicate_of=duplicate_of, story_id=f"story{rng.randrange(20_000)}", entities=mentions,
                          fingerprint=Fingerprint(digest(text), 0, b"", []))
        store.add_page(key, page, article.path)
        store.add_article(article)
        store.search.add(article)
        if duplicate_of is None:
            made.append((article.id, title, text))
        if i % 20 == 0:  # the indexing cost alone, on a sample
            s = time.perf_counter()
            index_text(title), index_text(text)
            index_seconds += (time.perf_counter() - s) * 20
    store.commit()
    seconds = time.perf_counter() - t0
    store.db.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
    store.close()
    return {"articles": n, "build_seconds": round(seconds, 1), "tokenise_ms_per_article": round(1000 * index_seconds / n, 3)}


def sizes(db: Path) -> dict:
    store = Store(db, readonly=True)
    rows = dict(store.db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    store.close()
    fts = sum(v for k, v in rows.items() if k.startswith("search_index"))
    ents = sum(v for k, v in rows.items() if k.startswith("article_entities"))
    return {"db_mb": round(db.stat().st_size / 1e6, 1), "fts_index_mb": round(fts / 1e6, 1),
            "article_entities_mb": round(ents / 1e6, 1), "articles_table_mb": round(rows.get("articles", 0) / 1e6, 1)}


def queries(store: Store, rng: random.Random) -> list[tuple[str, str, dict]]:
    """(kind, query, filters)."""
    out: list[tuple[str, str, dict]] = []
    judged = [json.loads(x)["query"] for x in (ROOT / "eval" / "search" / "queries.jsonl").read_text("utf-8").splitlines() if x]
    out += [("judged", q, {}) for q in judged]
    vocab = store.db.execute("SELECT term, doc FROM search_vocab WHERE doc >= 5").fetchall()
    vocab.sort(key=lambda r: -r[1])
    n = len(vocab)
    out += [("frequent word", vocab[rng.randrange(0, 200)][0], {}) for _ in range(30)]
    out += [("mid word", vocab[rng.randrange(n // 10, n // 3)][0], {}) for _ in range(30)]
    out += [("rare word", vocab[rng.randrange(n // 2, n)][0], {}) for _ in range(30)]
    texts = [r[0] for r in store.db.execute("SELECT text FROM articles WHERE num % 997 = 0 LIMIT 80")]
    for kind, size in (("two words", 2), ("three words", 3)):
        for _ in range(30):
            ws = rng.choice(texts).split()
            i = rng.randrange(0, max(1, len(ws) - size))
            out.append((kind, " ".join(ws[i:i + size]), {}))
    out += [("clitic", rng.choice(("و", "ب", "ل", "وال", "بال", "لل")) + rng.choice(("رئيس", "حكومة", "نفط", "صين", "سودان", "محادثات", "اتفاق")), {})
            for _ in range(20)]
    names = [r[0] for r in store.db.execute("SELECT variant FROM entity_variants ORDER BY count DESC LIMIT 60")]
    out += [("entity name", rng.choice(names), {}) for _ in range(30)]
    ents = [r[0] for r in store.db.execute("SELECT id FROM entities ORDER BY mentions DESC LIMIT 40")]
    pool = [q for _, q, _ in out]
    for _ in range(60):
        f = rng.choice(("dates", "source", "entity", "story", "dates+source", "page 5"))
        q = rng.choice(pool)
        filters = {"dates": {"since": "2019-01-01", "until": "2020-12-31"}, "source": {"source": "مصدر 3"},
                   "entity": {"entity_id": rng.choice(ents)}, "story": {"story_id": f"story{rng.randrange(20_000)}"},
                   "dates+source": {"since": "2023-01-01", "source": "مصدر 7"}, "page 5": {"offset": 80}}[f]
        out.append((f"filter: {f}", q, filters))
    return out


def measure(db: Path, seed: int = 11) -> dict:
    store = Store(db, readonly=True)
    qs = queries(store, random.Random(seed))
    for _, q, f in qs:  # warm the page cache
        search(store, q, limit=20, **f)
    times: dict[str, list[float]] = defaultdict(list)
    totals = []
    for kind, q, f in qs:
        t = time.perf_counter()
        r = search(store, q, limit=20, **f)
        ms = (time.perf_counter() - t) * 1000
        times[kind].append(ms)
        times["all"].append(ms)
        totals.append((ms, kind, q, r["total"]))
    store.close()

    def pct(xs: list[float], p: float) -> float:
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(p * len(xs)))], 1)

    report = {k: {"n": len(v), "p50_ms": round(statistics.median(v), 1), "p95_ms": pct(v, 0.95), "max_ms": round(max(v), 1)}
              for k, v in times.items()}
    report["slowest"] = [{"ms": round(ms, 1), "kind": k, "query": q, "total": n} for ms, k, q, n in sorted(totals, reverse=True)[:8]]
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/search_bench.db"))
    parser.add_argument("--reuse", action="store_true", help="measure an existing store")
    args = parser.parse_args()
    report: dict = {}
    if not args.reuse:
        report["build"] = build(args.db, args.articles)
        print(json.dumps(report["build"]), flush=True)
    report["size"] = sizes(args.db)
    print(json.dumps(report["size"]), flush=True)
    report["latency"] = measure(args.db)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    sys.exit(main())
