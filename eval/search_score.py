"""Score search on our own judged queries (eval/search/queries.jsonl, see eval/search/notes.md).

Ingests the evaluation articles (eval/stories and eval/understand, 115 articles) with the
real pipeline into a temporary store, runs every query, and reports MRR, nDCG@10 and
recall@10, overall and per query group, for Rasd's search and for baselines:

- `fts5-raw`: plain FTS5 (unicode61 tokenizer) over the raw title and text, the query's
  words as typed;
- `fts5-normalised`: FTS5 over normalised words (rasd.arabic.normalize), no clitic forms;
- `rasd-no-entities`: Rasd's index and query reading, without entity-variant expansion;
- `rasd`: what `rasd.search.search` does.

All use the same ranking (BM25, title weight 3) and the same order: articles with every query
word first, then those with some; Rasd also lists first, among those with every word, the
articles where the words stand close together (see rasd.search.engine).

    .venv/bin/python eval/search_score.py [--json] [--show N]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from rasd.arabic.normalize import words as normalised_words
from rasd.ingest import ingest
from rasd.search import search
from rasd.store.sqlite.search import TITLE_WEIGHT
from rasd.settings import Settings
from rasd.store import Store

ROOT = Path(__file__).parent
CORPUS = [ROOT / "stories" / "articles.jsonl", ROOT / "understand" / "articles.jsonl"]
K = 10


def metrics(ranked: list[str], relevant: dict[str, int]) -> dict[str, float]:
    """MRR (first article of any grade), nDCG@10 (gain 2^grade - 1), recall@10 (share of
    min(10, |relevant|))."""
    rr = next((1.0 / (i + 1) for i, page in enumerate(ranked) if relevant.get(page)), 0.0)
    dcg = sum((2 ** relevant.get(p, 0) - 1) / math.log2(i + 2) for i, p in enumerate(ranked[:K]))
    ideal = sorted(relevant.values(), reverse=True)[:K]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    found = sum(1 for p in ranked[:K] if relevant.get(p))
    return {"mrr": rr, "ndcg@10": dcg / idcg if idcg else 0.0, "recall@10": found / min(K, len(relevant))}


class Baseline:
    """A plain FTS5 table over the canonical articles, `tokens` making its text and queries."""

    def __init__(self, store: Store, tokens, tokenizer: str) -> None:
        self.db = sqlite3.connect(":memory:")
        self.tokens = tokens
        self.db.execute(f"CREATE VIRTUAL TABLE t USING fts5(page UNINDEXED, title, body, tokenize='{tokenizer}')")
        rows = store.db.execute("SELECT page, title, text FROM articles WHERE duplicate_of IS NULL")
        self.db.executemany("INSERT INTO t (page, title, body) VALUES (?, ?, ?)",
                            [(p, " ".join(tokens(t or "")), " ".join(tokens(x))) for p, t, x in rows])

    def ranked(self, query: str) -> list[str]:
        terms = list(dict.fromkeys(self.tokens(query)))
        if not terms:
            return []
        every = " AND ".join(f'"{w}"' for w in terms)
        some = " OR ".join(f'"{w}"' for w in terms)
        pages: list[str] = []
        for expression in (every, f"({some}) NOT ({every})") if len(terms) > 1 else (every,):
            rows = self.db.execute(f"SELECT page FROM t WHERE t MATCH ? ORDER BY bm25(t, 0, {TITLE_WEIGHT}, 1.0)"
                                   f" LIMIT {K}", (expression,)).fetchall()
            pages += [r[0] for r in rows]
        return pages[:K]


def _raw_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def run(show: int = 0) -> dict:
    queries = [json.loads(line) for line in (ROOT / "search" / "queries.jsonl").read_text("utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "eval.db") as store:
            ingested = ingest([str(p) for p in CORPUS], store, Settings(workers=1))
        counts, failures = ingested.counts, ingested.failures
        assert not failures, failures
        store = Store(Path(tmp) / "eval.db")
        page_of = dict(store.db.execute("SELECT id, page FROM articles").fetchall())
        systems = {
            "fts5-raw": Baseline(store, _raw_words, "unicode61").ranked,
            "fts5-normalised": Baseline(store, normalised_words, "ascii").ranked,
            "rasd-no-entities": lambda q: _pages(search(store, q, limit=K, entities=False), page_of),
            "rasd": lambda q: _pages(search(store, q, limit=K), page_of),
        }
        per_query = []
        for q in queries:
            row = {"query": q["query"], "group": q["group"], "relevant": len(q["relevant"])}
            for name, ranked in systems.items():
                got = ranked(q["query"])
                row[name] = metrics(got, q["relevant"])
                if name == "rasd":
                    row["rasd_top"] = got
            per_query.append(row)
        store.close()
    report = {"articles": counts["articles"], "queries": len(queries), "systems": {}}
    groups = ["all"] + sorted({q["group"] for q in queries})
    for name in systems:
        report["systems"][name] = {}
        for group in groups:
            rows = [r[name] for r in per_query if group == "all" or r["group"] == group]
            report["systems"][name][group] = {m: round(sum(r[m] for r in rows) / len(rows), 3) for m in rows[0]} | {"n": len(rows)}
    if show:
        worst = sorted(per_query, key=lambda r: r["rasd"]["ndcg@10"])[:show]
        report["worst"] = [{"query": r["query"], "group": r["group"], **r["rasd"], "top": r["rasd_top"]} for r in worst]
    return report


def _pages(result: dict, page_of: dict[str, str]) -> list[str]:
    """Pages of the results in rank order; a canonical result stands for its duplicates too."""
    pages: list[str] = []
    for r in result["results"]:
        for id_ in [r["article_id"], *(d["article_id"] for d in r["duplicates"])]:
            if page_of[id_] not in pages:
                pages.append(page_of[id_])
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="also list the N queries Rasd does worst on")
    args = parser.parse_args()
    report = run(args.show)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"{report['queries']} queries over {report['articles']} articles (MRR / nDCG@10 / recall@10)")
    groups = list(next(iter(report["systems"].values())))
    print(f"{'system':<18}" + "".join(f"{g + ' (' + str(report['systems']['rasd'][g]['n']) + ')':>22}" for g in groups))
    for name, by_group in report["systems"].items():
        print(f"{name:<18}" + "".join(
            f"{by_group[g]['mrr']:>8.3f}{by_group[g]['ndcg@10']:>7.3f}{by_group[g]['recall@10']:>7.3f}" for g in groups))
    for w in report.get("worst", []):
        print(f"  {w['group']:<9} {w['query']}: nDCG {w['ndcg@10']:.2f}  top {' '.join(w['top'][:10])}")


if __name__ == "__main__":
    sys.exit(main())
