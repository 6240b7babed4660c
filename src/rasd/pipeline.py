"""What an ingest runs, in order. Where it runs is the executor's business (rasd.executors)."""

from __future__ import annotations

from rasd.clean import Segmenter
from rasd.dedup import Deduplicator, Fingerprinter
from rasd.extractors.html import HtmlExtractor
from rasd.settings import Settings
from rasd.step import Step
from rasd.store import Store, StoreWriter
from rasd.store.writer import SkipStored


def ingest_steps(store: Store, settings: Settings) -> list[Step]:
    return [
        SkipStored(store),
        HtmlExtractor(),
        Segmenter(),
        Fingerprinter(settings),
        Deduplicator(store, settings),
        StoreWriter(store, settings.batch_size),
    ]
