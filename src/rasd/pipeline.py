"""What an ingest runs, in order. Where it runs is the executor's business (rasd.executors)."""

from __future__ import annotations

from rasd.clean import Segmenter, SiteChrome
from rasd.dedup import Deduplicator, Fingerprinter
from rasd.extractors.html import HtmlExtractor
from rasd.settings import Settings
from rasd.step import Step
from rasd.store import Store, StoreWriter
from rasd.store.writer import SkipStored
from rasd.stories import StoryAssigner
from rasd.stories.terms import StoryWords
from rasd.search.index import SearchTokens
from rasd.stories.events import EventFinder, EventLinker
from rasd.understand.dates import DateFinder
from rasd.understand.entities import EntityResolver
from rasd.understand.mentions import MentionTagger
from rasd.understand.quotes import QuoteFinder


def ingest_steps(store: Store, settings: Settings) -> list[Step]:
    understand = settings.understand
    return [
        SkipStored(store),
        SiteChrome(store.chrome),
        HtmlExtractor(settings),
        Segmenter(),
        *([MentionTagger(), QuoteFinder(), DateFinder(), EventFinder()] if understand else []),
        StoryWords(),
        SearchTokens(),
        Fingerprinter(settings),
        Deduplicator(store, settings),
        *([EntityResolver(store.entities), EventLinker()] if understand else []),
        StoryAssigner(store.stories, settings),
        StoreWriter(store, settings),
    ]
