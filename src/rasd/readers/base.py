"""What every reader shares: opening files, fallbacks, page ids and keys, failures.

A reader's `read(path)` never raises: a file that cannot be read (missing, no
permission, bad gzip, undecodable, a truncated archive) yields one failed `Article`
with the reason, after any pages read before the problem.
"""

from __future__ import annotations

import gzip
import os
import zlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import datetime
from typing import IO, Any, cast

from warcio.exceptions import ArchiveLoadFailed

from rasd.readers.decode import Decoded, DecodeError
from rasd.record import Article, digest

MAX_PAGE_BYTES = 64 * 1024 * 1024  # a "page" larger than this is not a news page

# What reading a file can raise; anything else is a bug and should surface.
READ_ERRORS = (OSError, EOFError, zlib.error, ValueError, ArchiveLoadFailed)


class Reader(ABC):
    """Reads one kind of file into `Article`s, one per page.

    `source` and `published` are fallbacks for pages that name none: they go to
    `meta["fallback_source"]` and `meta["fallback_published"]`, not to the fields.
    """

    extensions: tuple[str, ...] = ()

    def __init__(self, source: str | None = None, published: str | None = None) -> None:
        self.source = source
        self.published = iso_date(published) if published else None
        if published and not self.published:
            raise ValueError(f"{published!r} is not an ISO date (YYYY-MM-DD)")

    def read(self, path: str, stream: IO[Any] | None = None) -> Iterator[Article]:
        """Pages of the file at `path` (or of `stream`, named `path`)."""
        try:
            with nullcontext(stream) if stream is not None else self.open(path) as opened:
                yield from self.pages(path, opened)
        except READ_ERRORS as exc:
            yield failed(path, explain(exc))

    def open(self, path: str) -> IO[bytes]:
        if path.lower().endswith(".gz"):
            return cast(IO[bytes], gzip.open(path, "rb"))
        return open(path, "rb")

    @abstractmethod
    def pages(self, path: str, stream: IO[Any]) -> Iterator[Article]: ...

    def article(self, page: str, path: str, content: bytes, decoded: Decoded | None = None,
                **fields: Any) -> Article:
        """A new page record; `content` is the page's raw bytes, the basis of its key."""
        meta: dict[str, Any] = fields.pop("meta", {})
        if decoded is not None:
            meta["encoding"] = decoded.encoding
            if decoded.warnings:
                meta.setdefault("warnings", []).extend(decoded.warnings)
        if self.source and not fields.get("source"):
            meta["fallback_source"] = self.source
        if self.published and not fields.get("published"):
            meta["fallback_published"] = self.published
        if fields.get("published"):
            meta["published_from"] = "input"
        return Article(page=page, path=path, page_key=digest(page, content), meta=meta, **fields)


def read_page(stream: IO[bytes]) -> bytes:
    data = stream.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise DecodeError(f"page larger than {MAX_PAGE_BYTES // 2**20} MiB")
    return data


def page_name(path: str) -> str:
    """The file name without its extension(s): `a/story.html.gz` -> `story`."""
    name = os.path.basename(path)
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[0] or name


def iso_date(value: object) -> str | None:
    """`YYYY-MM-DD` from an ISO date or date-time string; None if it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        return None


def failed(path: str, reason: str, page: str | None = None) -> Article:
    return Article(page=page or page_name(path), path=path, error=reason)


def explain(exc: BaseException) -> str:
    """A reason a person can act on, without a traceback."""
    if isinstance(exc, DecodeError):
        return str(exc)
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"corrupt or truncated compressed file: {exc}"
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or exc}"
    if isinstance(exc, ArchiveLoadFailed):
        return f"corrupt or truncated WARC file: {exc}"
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid UTF-8: {exc.reason} at byte {exc.start}"
    return f"{type(exc).__name__}: {exc}"

