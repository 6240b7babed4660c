"""Plain-text pages: one file (or `.txt.gz`) is one page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from rasd.readers.base import Reader, page_name, read_page
from rasd.readers.decode import decode
from rasd.record import Article


class TextReader(Reader):
    extensions = (".txt",)

    def pages(self, path: str, stream: IO[bytes]) -> Iterator[Article]:
        data = read_page(stream, self.settings.max_page_bytes)
        decoded = decode(data)
        yield self.article(page_name(path), path, data, decoded, text=decoded.text)
