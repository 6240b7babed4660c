"""StoreWriter stage: the pipeline's end, writing articles and failures to the store.

A page's articles are written in one transaction with the page row; the transaction is
committed every `batch_size` pages, always between pages. A killed run therefore keeps
whole pages only, and the next run skips them by key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from rasd.record import Article
from rasd.settings import Settings
from rasd.store.sqlite import Store


class SkipStored:
    """Drops pages the store already holds, before any work is spent on them."""

    name = "skip-stored"
    parallel = False

    def __init__(self, store: Store) -> None:
        self.store = store
        self.counts: Counter[str] = Counter()

    def run(self, pages: Iterable[Article]) -> Iterator[Article]:
        for page in pages:
            if page.page_key and self.store.has_page(page.page_key):
                self.counts["pages_skipped"] += 1
                continue
            yield page


class StoreWriter:
    name = "write"
    parallel = False

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.batch_size = self.settings.batch_size
        self.counts: Counter[str] = Counter()

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        store, counts = self.store, self.counts
        current_page: str | None = None
        skipping = False
        pages_in_batch = 0
        try:
            for article in articles:
                key = article.page_key or article.path
                if key != current_page or article.page_index == 0:  # a new page: a safe point to commit
                    current_page = key
                    if pages_in_batch >= self.batch_size:
                        store.commit()
                        pages_in_batch = 0
                    store.begin()
                    pages_in_batch += 1
                    skipping = bool(article.page_key) and store.has_page(article.page_key)
                    if skipping:  # listed twice in this run, or stored by a run in parallel
                        counts["pages_skipped"] += 1
                    elif article.failed:
                        store.add_error(article)
                        counts["errors"] += 1
                    else:
                        store.add_page(article.page_key, article.page, article.path)
                        counts["pages"] += 1
                if skipping:
                    continue
                if article.failed:
                    yield article  # stored in the errors table above; the caller may report it
                    continue
                store.add_article(article)
                if article.story_id:
                    s = self.settings
                    store.stories.add_article(article.story_id, article.published, article.story_vector,
                                              s.story_terms, s.story_keys)
                counts["articles"] += 1
                counts["duplicates"] += article.duplicate_of is not None
                yield article
            store.commit()
        finally:
            store.rollback()  # after an exception, nothing half-written stays
