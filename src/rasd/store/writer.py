"""StoreWriter stage: the pipeline's end, writing articles (and their search index rows)
and failures to the store. It yields what it wrote, so a step after it works in the same
transaction (rasd.stories.assign.StoryRecorder).

A page's articles are written in one transaction with the page row. The transaction is
committed every `batch_size` pages, right after the last article of a page and before the
next page is pulled through the steps before this one: those steps write to the store too
(entity resolution), so what they write for a page lands in that page's transaction. A
killed run therefore keeps whole pages only, every counter agrees with them, and the next
run skips them by key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from rasd.record import Article
from rasd.settings import Settings
from rasd.store.base import Backend


class SkipStored:
    """Drops pages the store already holds, or that this run has already taken, before any
    work is spent on them."""

    name = "skip-stored"
    parallel = False

    def __init__(self, store: Backend, counts: Counter[str] | None = None) -> None:
        self.store = store
        self.counts = counts if counts is not None else Counter()  # the run's report counts, when given
        self._taken: set[str] = set()  # keys of this run's pages (~100 MB per million pages)

    def run(self, pages: Iterable[Article]) -> Iterator[Article]:
        for page in pages:
            if page.page_key:
                if page.page_key in self._taken or self.store.has_page(page.page_key):
                    self.counts["pages_skipped"] += 1
                    continue
                self._taken.add(page.page_key)
            yield page


class StoreWriter:
    name = "write"
    parallel = False

    def __init__(self, store: Backend, settings: Settings | None = None, counts: Counter[str] | None = None) -> None:
        self.store = store
        self.batch_size = (settings or Settings()).batch_size
        self.counts = counts if counts is not None else Counter()  # the run's report counts, when given

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        store = self.store
        current_page: str | None = None
        skipping = False
        pages_in_batch = 0
        store.begin()
        try:
            for article in articles:
                key = article.page_key or article.path
                seen = article.meta.pop("chrome_seen", None)
                if key != current_page or article.page_index == 0:  # a new page
                    current_page = key
                    pages_in_batch += 1
                    skipping = self._start_page(article, seen)
                if not skipping:
                    self._write(article)
                    yield article
                if pages_in_batch >= self.batch_size and (article.failed or article.page_index + 1 >= article.page_articles):
                    store.commit()  # the page is whole: a safe point, before the next one is worked on
                    store.begin()
                    pages_in_batch = 0
            store.commit()
        finally:
            store.rollback()  # after an exception, nothing half-written stays

    def _start_page(self, article: Article, seen: dict | None) -> bool:
        """Write the page row (or its failure); True when the page is already stored."""
        store = self.store
        skipping = bool(article.page_key) and store.has_page(article.page_key)
        if seen:
            (store.chrome.drop if skipping else store.chrome.write)(seen["source"], seen["lines"])
        if skipping:  # stored by another run working on the same store
            self.counts["pages_skipped"] += 1
        elif article.failed:
            store.add_error(article)
            self.counts["errors"] += 1
        else:
            store.add_page(article.page_key, article.page, article.path)
            self.counts["pages"] += 1
        return skipping

    def _write(self, article: Article) -> None:
        if article.failed:
            return  # stored in the errors table with its page; the caller may report it
        self.store.add_article(article)
        self.store.search.add(article)  # same transaction: indexed exactly when stored
        self.counts["articles"] += 1
        self.counts["duplicates"] += article.duplicate_of is not None
