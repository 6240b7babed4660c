"""The do-it-yourself near-duplicate baseline: what a user would write instead of using Rasd.

    .venv/bin/python benchmarks/baseline_minhash.py PAGES.jsonl [--limit N]

One process, no rasd import: reads JSON Lines pages (`id`, `text`), folds each text
(tashkeel and tatweel removed, أإآ→ا, ى→ي, ة→ه, lowercased, whitespace collapsed), counts
exact duplicates by the folded text's hash, and finds near duplicates with datasketch:
character 5-gram shingles, a 128-permutation MinHash, MinHashLSH(threshold=0.5) queried
then inserted. Prints one line of JSON: pages, near_duplicates, exact_duplicates, seconds,
pages_per_s, peak_rss_mb. benchmarks/vs_baseline.py runs it against `rasd ingest`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import resource
import time

from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
# Tashkeel (U+064B–U+065F, superscript alef U+0670, Quranic marks U+06D6–U+06ED) and tatweel go;
# hamza-carrying alefs, alef maqsura and taa marbuta fold to their common spelling.
FOLD = {c: None for c in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640]}
FOLD.update({ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا", ord("ى"): "ي", ord("ة"): "ه"})
SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    return SPACES.sub(" ", text.translate(FOLD).lower()).strip()


def shingles(text: str) -> list[bytes]:
    if len(text) <= SHINGLE:
        return [text.encode()]
    return list({text[i : i + SHINGLE].encode() for i in range(len(text) - SHINGLE + 1)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", help="JSON Lines file, one page a line with `id` and `text`")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args()

    start = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=NUM_PERM)
    # Copying one initialised MinHash skips regenerating the permutations per page
    # (what MinHash.bulk/generator do internally); update_batch hashes a page's shingles at once.
    blank = MinHash(num_perm=NUM_PERM)
    seen: set[bytes] = set()
    pages = exact = near = 0
    with open(args.pages, encoding="utf-8") as f:
        for line_no, line in enumerate(f):
            if args.limit is not None and pages >= args.limit:
                break
            if not line.strip():
                continue
            pages += 1
            text = fold(json.loads(line).get("text") or "")
            if not text:  # an empty MinHash would match every other empty page
                continue
            key = hashlib.blake2b(text.encode(), digest_size=16).digest()
            if key in seen:
                exact += 1
                continue
            seen.add(key)
            minhash = blank.copy()
            minhash.update_batch(shingles(text))
            if lsh.query(minhash):
                near += 1
            lsh.insert(line_no, minhash)  # line numbers: page ids need not be unique
    seconds = time.perf_counter() - start
    print(json.dumps({
        "pages": pages, "near_duplicates": near, "exact_duplicates": exact, "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 1) if seconds else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),  # Linux: KiB
    }))


if __name__ == "__main__":
    main()
