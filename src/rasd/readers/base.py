"""What every reader shares: opening files, limits, fallbacks, page ids and keys, failures.

A reader's `read(path)` never raises: a file that cannot be read (missing, no
permission, not a regular file, bad gzip, undecodable, a truncated archive, over a
limit of `Settings`) yields one failed `Article` with the reason, after any pages read
before the problem. Record paths are always printable, storable text (`shown`).
"""

from __future__ import annotations

import errno
import gzip
import os
import stat
import zlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import datetime
from typing import IO, Any, cast

from warcio.exceptions import ArchiveLoadFailed

from rasd.readers.decode import Decoded, DecodeError
from rasd.record import Article, digest
from rasd.settings import Settings

# What reading a file can raise; anything else is a bug and should surface.
READ_ERRORS = (OSError, EOFError, zlib.error, ValueError, ArchiveLoadFailed)
_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder"}


class LimitError(ValueError):
    """A page or a file is over one of the input limits of `Settings`; the message names it."""


class NotRegularFile(OSError):
    """A FIFO, socket or device: reading one may block forever or never end."""


class Reader(ABC):
    """Reads one kind of file into `Article`s, one per page.

    `source` and `published` are fallbacks for pages that name none: they go to
    `meta["fallback_source"]` and `meta["fallback_published"]`, not to the fields.
    """

    extensions: tuple[str, ...] = ()

    def __init__(self, source: str | None = None, published: str | None = None,
                 settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.source = source
        self.published = iso_date(published) if published else None
        if published and not self.published:
            raise ValueError(f"{published!r} is not an ISO date (YYYY-MM-DD)")

    def read(self, path: str, stream: IO[Any] | None = None) -> Iterator[Article]:
        """Pages of the file at `path` (or of `stream`, named `path`)."""
        name = shown(path)  # the records' path; the file is opened by its real name
        try:
            with nullcontext(stream) if stream is not None else self.open(path) as opened:
                yield from self.pages(name, opened)
        except READ_ERRORS as exc:
            yield failed(name, explain(exc))

    def open(self, path: str) -> IO[bytes]:
        check_regular(path)
        if path.lower().endswith(".gz"):
            return cast(IO[bytes], Capped(gzip.open(path, "rb"), self.settings.max_file_bytes))
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


class Capped:
    """A decompressed stream that fails past `limit` bytes: a gzip bomb is a few MB in
    and many GB out; its pages are bounded one by one, this bounds the time it takes."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self.stream, self.limit, self.total = stream, limit, 0

    def read(self, size: int = -1) -> bytes:
        return self._count(self.stream.read(self._room(size)))

    def readline(self, size: int = -1) -> bytes:
        return self._count(self.stream.readline(self._room(size)))

    def _room(self, size: int) -> int:
        room = self.limit + 1 - self.total
        return room if size < 0 else min(size, room)

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.limit:
            raise LimitError(over_limit("decompressed file", "max_file_bytes", self.limit))
        return data

    def __enter__(self) -> Capped:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


def read_page(stream: IO[bytes], limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise LimitError(over_limit("page", "max_page_bytes", limit))
    return data


def over_limit(what: str, name: str, value: int) -> str:
    """`page is over max_page_bytes = 16 MiB`: what, which setting, and its value."""
    unit = next(((n, u) for n, u in ((2**30, "GiB"), (2**20, "MiB")) if value >= n and value % n == 0), None)
    size = f"{value // unit[0]} {unit[1]}" if unit else f"{value} bytes"
    return f"{what} is over {name} = {size}"


def check_regular(path: str) -> None:
    """Raise `NotRegularFile` unless `path` is a regular file (after symlinks); stat, never open."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(not_regular(mode))


def not_regular(mode: int) -> str:
    return f"not a regular file: {_KINDS.get(stat.S_IFMT(mode), 'an unknown kind of file')}"


def shown(path: str | bytes) -> str:
    """`path` as text that can be printed and stored: bytes of a file name that are not
    UTF-8 (surrogate escapes in a str) become backslash escapes, `b'\\xff.txt'` -> `\\xff.txt`."""
    path = os.fsdecode(path)
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


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
    path = shown(path)
    return Article(page=page or page_name(path), path=path, error=reason)


def explain(exc: BaseException) -> str:
    """A reason a person can act on, without a traceback."""
    if isinstance(exc, (DecodeError, LimitError, NotRegularFile)):
        return str(exc)
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"corrupt or truncated compressed file: {exc}"
    if isinstance(exc, OSError):
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: the link never reaches a file"
        return f"cannot read file: {exc.strerror or exc}"
    if isinstance(exc, ArchiveLoadFailed):
        return f"corrupt or truncated WARC file: {exc}"
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid UTF-8: {exc.reason} at byte {exc.start}"
    return f"{type(exc).__name__}: {exc}"

