"""Ingest throughput and memory, on generated pages and on real articles.

    .venv/bin/python benchmarks/ingest.py                      # N = 1k, 10k, 100k generated pages
    .venv/bin/python benchmarks/ingest.py --pages 1000 --workers 1
    .venv/bin/python benchmarks/ingest.py --pages 1000 10000 --understand   # with entities, quotes, dates
    .venv/bin/python benchmarks/ingest.py --saudinewsnet ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz

Generated pages mutate the bundled sample corpus: sentences shuffled and mixed across
articles, a fifth of their words replaced, chrome, captions and teasers injected, written as
text (70 %), HTML (15 %) and JSON Lines (15 %), with 5 % exact and 5 % near duplicates of
earlier pages. Each N runs in a fresh process so its peak RSS is its own. The end-to-end
figure is the real `rasd ingest` pipeline (read, extract, clean, fingerprint, dedup, store);
the per-stage figures come from a single-process run of the same steps, each timed apart.
Without `--understand` the understanding steps (entities, quotes, dates) are left out: the
ingest, clean, dedup and store figures of issue 3.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

from rasd.clean import Segmenter
from rasd.executors import LocalExecutor
from rasd.extractors.html import HtmlExtractor
from rasd.ingest import ingest
from rasd.pipeline import ingest_steps
from rasd.readers import read
from rasd.settings import Settings
from rasd.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXACT_RATE, NEAR_RATE = 0.05, 0.05
CHROME = ["TT", "شارك", "تفاصيل الخبر", "Exit mobile version", "Site icon {source}"]
SENTENCE = re.compile(r"(?<=[.!؟?])\s+")


def sample_material() -> tuple[list[str], list[str], list[str]]:
    """Sentences, titles and words of the sample corpus, cleaned by Rasd itself."""
    sentences, titles = [], []
    records = Segmenter().run(HtmlExtractor().run(read([str(SAMPLES)])))
    for article in records:
        if not article.failed:
            sentences += [s for s in SENTENCE.split(article.text.replace("\n\n", " ")) if len(s.split()) > 5]
            titles.append(article.title or sentences[-1][:60])
    words = sorted({w for s in sentences for w in s.split() if w.isalpha()})
    return sentences, titles, words


def generate(folder: Path, n: int, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    sentences, titles, words = sample_material()
    recent: deque[tuple[str, list[str]]] = deque(maxlen=500)  # earlier pages to duplicate
    counts = {"pages": n, "exact": 0, "near": 0}
    jsonl = None
    for i in range(n):
        roll = rng.random()
        if recent and roll < EXACT_RATE:
            title, body = rng.choice(recent)
            counts["exact"] += 1
        elif recent and roll < EXACT_RATE + NEAR_RATE:
            title, body = rng.choice(recent)
            body = [_mutate(s, rng, words, 0.04) for s in body]
            del body[rng.randrange(len(body))]
            counts["near"] += 1
        else:
            title = f"{rng.choice(titles)} {rng.randint(1, 999)}"
            body = [_mutate(s, rng, words, 0.2) for s in rng.sample(sentences, k=min(len(sentences), rng.randint(6, 14)))]
            recent.append((title, body))
        paragraphs = [" ".join(body[j : j + 3]) for j in range(0, len(body), 3)]
        source = f"outlet{rng.randint(1, 40)}"
        sub = folder / f"{i // 1000:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        kind = rng.random()
        if kind < 0.70:
            (sub / f"p{i:07d}.txt").write_text(_text_page(title, paragraphs, source, rng, titles), "utf-8")
        elif kind < 0.85:
            (sub / f"p{i:07d}.html").write_text(_html_page(title, paragraphs, source), "utf-8")
        else:
            if jsonl is None or i % 100 == 0:
                jsonl = (sub / f"batch{i:07d}.jsonl").open("a", encoding="utf-8")
            line = {"id": f"j{i}", "source": source, "url": f"https://{source}.example/{i}", "title": title,
                    "published": f"20{rng.randint(19, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                    "text": _text_page(title, paragraphs, source, rng, titles)}
            jsonl.write(json.dumps(line, ensure_ascii=False) + "\n")
            jsonl.flush()
    return counts


def _mutate(sentence: str, rng: random.Random, words: list[str], share: float) -> str:
    return " ".join(rng.choice(words) if rng.random() < share else w for w in sentence.split())


def _text_page(title, paragraphs, source, rng, titles) -> str:
    caption = f"{title[:40]} ({rng.choice(['رويترز', 'أ.ف.ب', 'إ.ب.أ'])})"
    lines = [rng.choice(CHROME).format(source=source), title, title, caption, caption, "TT", ""]
    lines += paragraphs + ["", "قراءة المزيد", ""]
    for teaser in rng.sample(titles, k=2):
        lines += [teaser, teaser, " ".join(paragraphs[0].split()[:25]) + "،", ""]
    return "\n".join(lines)


def _html_page(title, paragraphs, source) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{html.escape(title)} | {source}</title>'
            f'<meta property="og:site_name" content="{source}"></head><body><nav><a href="/">الرئيسية</a> <a>سياسة</a>'
            f" <a>اقتصاد</a></nav><article><h1>{html.escape(title)}</h1>{body}</article>"
            "<aside><h3>الأكثر قراءة</h3><ul><li>خبر أول</li><li>خبر ثان</li></ul></aside>"
            "<footer>جميع الحقوق محفوظة</footer></body></html>")


class Timed:
    """Wraps a step and counts the time spent inside it, not upstream of it."""

    def __init__(self, step):
        self.step, self.name, self.parallel = step, step.name, step.parallel
        self.seconds, self.out = 0.0, 0

    def run(self, records):
        upstream = _Clock(records)
        inner = self.step.run(upstream)
        while True:
            start = time.perf_counter()
            try:
                record = next(inner)
            except StopIteration:
                break
            finally:
                self.seconds += time.perf_counter() - start
            self.out += 1
            yield record
        self.seconds -= upstream.seconds


class _Clock:
    def __init__(self, records):
        self.records, self.seconds = iter(records), 0.0

    def __iter__(self):
        return self

    def __next__(self):
        start = time.perf_counter()
        try:
            return next(self.records)
        finally:
            self.seconds += time.perf_counter() - start


def per_stage(folder: Path, db: Path, understand: bool) -> dict[str, float]:
    """Pages per second of each stage alone, in one process (reading timed on its own)."""
    start = time.perf_counter()
    pages = sum(1 for _ in read([str(folder)]))
    rates = {"read": round(pages / (time.perf_counter() - start), 1)}
    store = Store(db)
    steps = [Timed(step) for step in ingest_steps(store, Settings(understand=understand))]
    for _ in LocalExecutor(1).run(steps, read([str(folder)])):
        pass
    store.close()
    rates.update({t.name: round(pages / t.seconds, 1) for t in steps if t.seconds > 0})
    return rates


def one(n: int, workers: int, keep: Path | None, understand: bool) -> dict:
    with tempfile.TemporaryDirectory(dir=keep) as tmp:
        folder, db = Path(tmp) / "pages", Path(tmp) / "bench.db"
        start = time.perf_counter()
        made = generate(folder, n)
        generated = time.perf_counter() - start
        start = time.perf_counter()
        with Store(db) as store:
            counts = ingest([str(folder)], store, Settings(workers=workers, understand=understand)).counts
        seconds = time.perf_counter() - start
        result = {
            "pages": n, "workers": workers, "understand": understand, "seconds": round(seconds, 1), "pages_per_s": round(n / seconds, 1),
            "generated_s": round(generated, 1), "injected_exact": made["exact"], "injected_near": made["near"],
            "found_duplicates": counts["duplicates"], "articles": counts["articles"], "errors": counts["errors"],
            "db_mb": round(db.stat().st_size / 2**20, 1),
            "peak_rss_mb_main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "peak_rss_mb_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        }
        if n <= 10_000:
            result["stage_pages_per_s"] = per_stage(folder, Path(tmp) / "stages.db", understand)
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tmp", type=Path, default=None, help="where to write generated pages")
    parser.add_argument("--understand", action="store_true", help="also find entities, quotes and dates")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.workers, args.tmp, args.understand)))
        return
    for n in args.pages:
        cmd = [sys.executable, __file__, "--one", str(n), "--workers", str(args.workers)]
        if args.tmp:
            cmd += ["--tmp", str(args.tmp)]
        if args.understand:
            cmd.append("--understand")
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        print(out.strip(), flush=True)


if __name__ == "__main__":
    main()
