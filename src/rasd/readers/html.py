"""HTML pages: one file (or `.html.gz`) is one page, kept as HTML for the extractor."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from rasd.readers.base import Reader, page_name, read_page
from rasd.readers.decode import decode
from rasd.record import Article

# `<meta charset=x>` and `<meta http-equiv=Content-Type content="text/html; charset=x">`
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
HEAD_BYTES = 8192  # browsers look at the first 1024 bytes; real pages put scripts first


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its `<meta>` tags, if any."""
    match = _META_CHARSET.search(data, 0, HEAD_BYTES)
    return match[1].decode("ascii") if match else None


class HtmlReader(Reader):
    extensions = (".html", ".htm")

    def pages(self, path: str, stream: IO[bytes]) -> Iterator[Article]:
        data = read_page(stream, self.settings.max_page_bytes)
        decoded = decode(data, declared_charset(data))
        yield self.article(page_name(path), path, data, decoded, html=decoded.text)
