"""NER throughput on one core, feature extraction included, from a freshly loaded model (cold cache).

    python benchmarks/ner_speed.py --anercorp ../shared/data/anercorp_camel \
        [--saudinewsnet ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz --articles 1000]

Reports tokens/s for `NerTagger.tag` on ANERcorp test sentences (pre-tokenised) and, when given,
for `NerTagger.spans` on raw SaudiNewsNet article bodies (tokenising and sentence splitting included).
SaudiNewsNet is only read here for timing; nothing from it is stored.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time
from itertools import islice
from pathlib import Path

from rasd.understand.ner.conll import read
from rasd.understand.ner.tagger import NerTagger
from rasd.understand.ner.tokenize import tokens


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--anercorp", type=Path, required=True)
    ap.add_argument("--saudinewsnet", type=Path)
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    started = time.perf_counter()
    tagger = NerTagger.load()
    print(f"load: {time.perf_counter() - started:.2f} s")

    sents = read(args.anercorp / "ANERCorp_CamelLab_test.txt")
    n = sum(len(s.tokens) for s in sents)
    started = time.perf_counter()
    for s in sents:
        tagger.tag(s.tokens)
    elapsed = time.perf_counter() - started
    print(f"tag, ANERcorp test: {n} tokens in {elapsed:.2f} s = {n / elapsed:,.0f} tokens/s")

    if args.saudinewsnet:
        tagger = NerTagger.load()  # cold cache again
        with gzip.open(args.saudinewsnet, "rt", encoding="utf-8") as lines:
            texts = [json.loads(line)["content"] for line in islice(lines, args.articles)]
        n = sum(len(tokens(t)) for t in texts)
        started = time.perf_counter()
        found = sum(len(tagger.spans(t)) for t in texts)
        elapsed = time.perf_counter() - started
        print(
            f"spans, {len(texts)} SaudiNewsNet articles: {n} tokens in {elapsed:.2f} s = {n / elapsed:,.0f} tokens/s "
            f"({found} entities)"
        )


if __name__ == "__main__":
    main()
