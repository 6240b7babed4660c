"""HtmlExtractor stage: HTML pages become text pages, with what the page says about itself.

trafilatura finds the main text (paragraphs joined by "\n", no comments, no tables)
and the metadata: title, site name (`og:site_name` and the like), canonical URL, and
the publication date, which htmldate reads from the markup (`article:published_time`,
`<time>`, JSON-LD, the URL). Page fields win over what the record already has only
where the record has nothing. The date comes from the page or not at all: htmldate
never invents one, and its loose whole-text search is off.

Limits (`Settings`): a page with more than `max_html_elements` tag openings fails before
it is parsed (parsing and extraction grow with the elements: 200k take 14 s and 400 MB);
one nested `max_html_depth` deep fails after parsing. The parser (libxml2) keeps 256
levels and drops what lies deeper, so a page reaching that depth fails too rather than
losing its text without a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html

from rasd.record import Article
from rasd.settings import Settings

# Only dates the markup states; `original_date` prefers publication over last update.
DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
NO_TEXT = "no article text found in the HTML (empty or truncated page)"
PARSER_MAX_DEPTH = 256  # libxml2 drops elements nested deeper than this
_TAG = re.compile(r"<[A-Za-z]")  # an element's opening tag (not a closing tag, comment or doctype)


class HtmlExtractor:
    name = "extract-html"
    parallel = True

    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or Settings()
        self.max_elements = settings.max_html_elements
        self.max_depth = min(settings.max_html_depth, PARSER_MAX_DEPTH)

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if article.failed or article.html is None:
                yield article
            else:
                yield self.extract(article)

    def extract(self, article: Article) -> Article:
        html, article.html = article.html, None  # the HTML is not needed past this point
        if _more_than(html, self.max_elements):
            return article.fail(f"HTML has more than max_html_elements = {self.max_elements} elements")
        try:
            tree = load_html(html)
            if tree is not None and _reaches(tree, self.max_depth):
                return article.fail(f"HTML nested max_html_depth = {self.max_depth} levels deep or more")
            doc = None if tree is None else bare_extraction(
                tree, url=article.url, fast=True, with_metadata=True, include_comments=False,
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
        if doc.categories and "section" not in article.meta:  # article:section and the like
            article.meta["section"] = ", ".join(doc.categories)[:200]
        if not article.published and doc.date:
            article.published = doc.date
            article.meta["published_from"] = "html"
        return article


def _more_than(html: str, limit: int) -> bool:
    """More than `limit` tag openings; counting stops at `limit + 1`, and most pages
    have fewer `<` in all than that, which a string count tells at once."""
    return html.count("<") > limit and next(islice(_TAG.finditer(html), limit, None), None) is not None


def _reaches(tree: Any, depth: int) -> bool:
    """Whether an element lies `depth` levels down from the root (the root is level 1);
    one XPath step per level, evaluated in libxml2."""
    return bool(tree.xpath("boolean(" + "/".join(["*"] * (depth - 1)) + ")")) if depth > 1 else True


def _site_name(sitename: str | None, url: str | None) -> str | None:
    """The name the page gives its site; not trafilatura's guess from the URL's host,
    which would override a `--source` fallback (the host is the last resort)."""
    host = urlsplit(url).hostname if url else None
    if not sitename or (host and sitename == host.removeprefix("www.")):
        return None
    return sitename
