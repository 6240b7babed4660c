"""HtmlExtractor stage: HTML pages become text pages, with what the page says about itself.

trafilatura finds the main text (paragraphs joined by "\n", no comments, no tables)
and the metadata: title, site name (`og:site_name` and the like), canonical URL, and
the publication date, which htmldate reads from the markup (`article:published_time`,
`<time>`, JSON-LD, the URL). Page fields win over what the record already has only
where the record has nothing. The date comes from the page or not at all: htmldate
never invents one, and its loose whole-text search is off.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from trafilatura import bare_extraction
from trafilatura.settings import Document

from rasd.record import Article

# Only dates the markup states; `original_date` prefers publication over last update.
DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
NO_TEXT = "no article text found in the HTML (empty or truncated page)"


class HtmlExtractor:
    name = "extract-html"
    parallel = True

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if article.failed or article.html is None:
                yield article
            else:
                yield self.extract(article)

    def extract(self, article: Article) -> Article:
        html, article.html = article.html, None  # the HTML is not needed past this point
        try:
            doc = bare_extraction(
                html, url=article.url, fast=True, with_metadata=True, include_comments=False,
                include_tables=False, date_extraction_params=DATE_PARAMS,
            )
        except Exception as exc:  # a parser bug on one odd page must not end a long run
            return article.fail(f"HTML extraction failed: {type(exc).__name__}: {exc}")
        text = (doc.text or "").strip() if isinstance(doc, Document) else ""
        if not isinstance(doc, Document) or not text:
            if not article.text.strip():
                return article.fail(NO_TEXT)
            article.meta.setdefault("warnings", []).append(f"{NO_TEXT}; kept the input's text")
            return article
        article.text = text
        article.title = article.title or doc.title
        article.url = article.url or doc.url
        article.source = article.source or _site_name(doc.sitename, doc.url)
        if not article.published and doc.date:
            article.published = doc.date
            article.meta["published_from"] = "html"
        return article


def _site_name(sitename: str | None, url: str | None) -> str | None:
    """The name the page gives its site; not trafilatura's guess from the URL's host,
    which would override a `--source` fallback (the host is the last resort)."""
    host = urlsplit(url).hostname if url else None
    if not sitename or (host and sitename == host.removeprefix("www.")):
        return None
    return sitename
