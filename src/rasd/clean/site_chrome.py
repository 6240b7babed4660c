"""SiteChrome stage: short lines a source prints on page after page are its chrome.

Runs in one process, in input order, before the parallel steps: what it learns from earlier
pages must not depend on which worker happened to see them. It marks the lines on the page
record (`meta["site_chrome"]`); the segmenter drops them. Pages still in HTML are left to the
extractor, which removes a site's template itself. The counts are the store's (`ChromeTable`):
the lines a page showed travel with it (`meta["chrome_seen"]`) and the writer stores them with
the page, so a resumed run knows exactly what the pages before it taught.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from collections import Counter
from typing import Protocol

from rasd.arabic import normalize
from rasd.record import Article

REPEATS_FOR_CHROME = 3  # a short line on this many pages of one source is site chrome
MAX_WORDS = 12  # longer lines are content, however often they recur


class ChromeCounts(Protocol):
    """Where the counts live (the store's `ChromeTable`; in memory without a store)."""

    def count(self, source: str, lines: list[str]) -> dict[str, int]: ...

    def read(self, source: str, lines: list[str]) -> None: ...


class MemoryCounts:
    def __init__(self) -> None:
        self.pages: Counter[tuple[str, str]] = Counter()

    def count(self, source: str, lines: list[str]) -> dict[str, int]:
        return {line: self.pages[(source, line)] for line in lines}

    def read(self, source: str, lines: list[str]) -> None:
        self.pages.update((source, line) for line in lines)


class SiteChrome:
    name = "site-chrome"
    parallel = False

    def __init__(self, counts: ChromeCounts | None = None) -> None:
        self.lines = counts if counts is not None else MemoryCounts()

    def run(self, pages: Iterable[Article]) -> Iterator[Article]:
        for page in pages:
            if not page.failed and page.html is None and page.text:
                self._mark(page)
            yield page

    def _mark(self, page: Article) -> None:
        source = page.source or page.meta.get("fallback_source") or ""
        # (a paragraph is not normalised to learn that it is long: normalising drops no real words)
        short = sorted({norm for line in page.text.splitlines() if len(line.split()) <= 2 * MAX_WORDS
                        and (norm := normalize(line)) and len(norm.split()) <= MAX_WORDS})
        if not short:
            return
        seen = self.lines.count(source, short)
        chrome = [norm for norm in short if seen[norm] + 1 >= REPEATS_FOR_CHROME]  # + 1: this page
        self.lines.read(source, short)
        page.meta["chrome_seen"] = {"source": source, "lines": short}
        if chrome:
            page.meta["site_chrome"] = chrome
