"""`SearchTokens`: the step that makes each article's index token streams (rasd.arabic.tokens)
where the work is parallel, so that the store's search index, written by the writer in one
process, only inserts them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rasd.arabic.tokens import index_text
from rasd.record import Article


class SearchTokens:
    name = "search-tokens"
    parallel = True

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                article.search_tokens = (index_text(article.title), index_text(article.text))
            yield article
