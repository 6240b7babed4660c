"""SiteChrome stage: short lines a source prints on page after page are its chrome.

Runs in one process, in input order, before the parallel steps: what it learns from earlier
pages must not depend on which worker happened to see them. It marks the lines on the page
record (`meta["site_chrome"]`); the segmenter drops them. Pages still in HTML are left to the
extractor, which removes a site's template itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rasd.arabic import normalize
from rasd.record import Article

REPEATS_FOR_CHROME = 3  # a short line on this many pages of one source is site chrome
MAX_WORDS = 12  # longer lines are content, however often they recur
MEMORY_LINES = 200_000  # cap on remembered lines, so memory does not grow with the corpus


class SiteChrome:
    name = "site-chrome"
    parallel = False

    def __init__(self) -> None:
        self._pages: dict[tuple[str, str], int] = {}  # (source, normalised line) -> pages seen on

    def run(self, pages: Iterable[Article]) -> Iterator[Article]:
        for page in pages:
            if not page.failed and page.html is None and page.text:
                self._mark(page)
            yield page

    def _mark(self, page: Article) -> None:
        source = page.source or page.meta.get("fallback_source") or ""
        if len(self._pages) > MEMORY_LINES:
            self._pages.clear()
        short = {norm for line in page.text.splitlines()
                 if (norm := normalize(line)) and len(norm.split()) <= MAX_WORDS}
        for norm in short:
            self._pages[(source, norm)] = self._pages.get((source, norm), 0) + 1
        chrome = sorted(norm for norm in short if self._pages[(source, norm)] >= REPEATS_FOR_CHROME)
        if chrome:
            page.meta["site_chrome"] = chrome
