"""All tunable numbers in one frozen object, with defaults; a TOML file and the CLI override it."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    # processes for the parallel stages (extract, clean, fingerprint); 1 runs all in-process
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    understand: bool = True  # entities, quotes and dates; off, ingest is several times faster
    batch_size: int = 200  # pages per store transaction: a killed run loses at most one batch
    shingle_words: int = 3  # words per shingle for near-duplicate detection
    minhash_bands: int = 42  # LSH bands x rows = permutations; 42 x 3 finds pairs from Jaccard ~0.3
    minhash_rows: int = 3
    jaccard_threshold: float = 0.4  # chosen on tests/fixtures/dedup: see docs/EVALUATION.md
    containment_threshold: float = 0.7  # share of a new text's shingles found in an earlier one
    jaccard_min_containment: float = 0.5  # a Jaccard match must still have half the new text in the old
    min_shingles: int = 15  # texts shorter than this are deduplicated exactly, never approximately
    story_window_days: int = 4  # an article joins a story whose articles are at most this many days older
    story_max_days: int = 7  # ... and whose first article is at most this many days older
    story_threshold: float = 0.12  # mean cosine of an article with a story's articles needed to join, chosen on the SaudiNewsNet story gold: docs/EVALUATION.md
    opinion_story_factor: float = 2.0  # an opinion or analysis piece joins a story only at this many times story_threshold
    storyline_threshold: float = 0.08  # cosine of a story and a storyline (or another story) needed to link them
    storyline_place_factor: float = 1.5  # stories that share only places (no person or body) need this many times it
    storyline_subject_days: int = 30  # stories fewer days apart link only when their headlines share a subject word
    story_terms: int = 64  # heaviest terms a story or storyline vector keeps
    story_keys: int = 20  # of those, how many the index lists it under (and an article looks up)
    story_candidates: int = 20  # at most this many indexed stories (most shared terms first) are scored for one article
    # limits on any input: a page over one is a failed record with the reason, never a crash
    max_page_bytes: int = 16 * 2**20  # one page (a file, a JSON line, a WARC record), decompressed
    max_file_bytes: int = 16 * 2**30  # decompressed bytes read from one file (gzip bombs); a Common Crawl WARC holds 4-5 GiB
    max_html_elements: int = 50_000  # elements in one HTML page (a news page has a few thousand)
    max_html_depth: int = 256  # nesting of elements (or of JSON values) in one page
    page_time_budget: float = 60.0  # seconds one page may spend in the parallel steps before it is failed
    # serving
    query_time_limit: float = 5.0  # seconds a web or API request may spend in the store before it is cut off

    @property
    def num_perm(self) -> int:
        return self.minhash_bands * self.minhash_rows

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then the `[rasd]` table of a TOML file, then non-None overrides."""
        settings = cls()
        if path:
            with open(path, "rb") as fh:
                table = tomllib.load(fh).get("rasd", {})
            unknown = set(table) - {f.name for f in fields(cls)}
            if unknown:
                raise ValueError(f"unknown settings in {path}: {', '.join(sorted(unknown))}")
            settings = replace(settings, **table)
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
