"""What an ingest runs, in order: its steps, then its finishing steps (each called once,
after the steps, returning what it counted). Where the steps run is the executor's
business (rasd.executors); `rasd.ingest` runs both."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from rasd.clean import GenreMarker, Segmenter, SiteChrome
from rasd.dedup import Deduplicator, Fingerprinter
from rasd.extractors.html import HtmlExtractor
from rasd.settings import Settings
from rasd.step import Executor, Step
from rasd.store import StoreWriter
from rasd.store.base import Backend
from rasd.store.writer import SkipStored
from rasd.stories import StoryAssigner, organise
from rasd.stories.assign import StoryRecorder
from rasd.stories.terms import StoryWords
from rasd.search.index import SearchTokens
from rasd.stories.events import EventFinder, EventLinker
from rasd.understand.dates import DateFinder
from rasd.understand.entities import EntityResolver
from rasd.understand.mentions import MentionTagger
from rasd.understand.quotes import QuoteFinder


def ingest_steps(store: Backend, settings: Settings, counts: Counter[str] | None = None) -> list[Step]:
    """The run's steps; those that count what they did (pages skipped, written, failed) add to `counts`."""
    understand = settings.understand
    return [
        SkipStored(store, counts),
        SiteChrome(store.chrome),
        HtmlExtractor(settings),
        Segmenter(),
        GenreMarker(),
        *([MentionTagger(), QuoteFinder(), DateFinder(), EventFinder()] if understand else []),
        StoryWords(),
        SearchTokens(),
        Fingerprinter(settings),
        Deduplicator(store, settings),
        *([EntityResolver(store.entities), EventLinker()] if understand else []),
        StoryAssigner(store.stories, settings),
        StoreWriter(store, settings, counts),
        StoryRecorder(store.stories, settings),  # after the writer: stored articles only, in its transaction
    ]


def finishing_steps(store: Backend, settings: Settings) -> list[Callable[[Executor | None], Counter[str]]]:
    """What is made from the stored articles as a whole, once they are all written (each
    called with the run's executor, for work that can be spread)."""
    return [partial(organise, store, settings)]
