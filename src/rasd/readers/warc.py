"""WARC archives (plain or record-gzipped): one page per successful HTML response.

Requests, metadata, redirects, errors and non-HTML responses are skipped. The page id
is the record's WARC-Record-ID uuid; its path is `file#n`, n counting every record in
the file from 1. The crawl date is only a fallback for the publication date, so it goes
to `meta["warc_date"]`, never to `published`. A record that cannot be decoded, or whose
payload is over `max_page_bytes`, fails alone; a corrupt or truncated archive, or one
over `max_file_bytes` decompressed, yields the pages before, then one failure for the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from itertools import count
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord

from rasd.readers.base import LimitError, Reader, explain, failed, iso_date, over_limit, read_page
from rasd.readers.decode import DecodeError, decode
from rasd.readers.html import declared_charset
from rasd.record import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
BLOCK = 64 * 1024
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


class WarcReader(Reader):
    extensions = (".warc", ".warc.gz")

    def open(self, path: str) -> IO[bytes]:
        return open(path, "rb")  # warcio undoes the per-record gzip itself

    def pages(self, path: str, stream: IO[bytes]) -> Iterator[Article]:
        if stream.seek(0, os.SEEK_END) == 0:
            raise DecodeError("empty file")
        stream.seek(0)
        for number, record in enumerate(_records(stream, self.settings.max_page_bytes,
                                                 self.settings.max_file_bytes), 1):
            page = self.record(record, path, number) if _is_html_page(record) else None
            _read_to_end(record, number)
            if page is not None:
                yield page

    def record(self, record: ArcWarcRecord, path: str, number: int) -> Article:
        where = f"{path}#{number}"
        record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
        page = record_id.strip("<>").removeprefix("urn:uuid:") or where
        http_charset = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
        limit = self.settings.max_page_bytes
        # Told by its length, before decoding: warcio reads a chunked body's chunk whole.
        if record.length is not None and record.length > limit:
            return failed(where, over_limit("WARC record", "max_page_bytes", limit), page)
        try:
            payload = read_page(record.content_stream(), limit)
            decoded = decode(payload, http_charset[1] if http_charset else declared_charset(payload))
        except (DecodeError, LimitError) as exc:
            return failed(where, explain(exc), page)
        warc_date = iso_date(record.rec_headers.get_header("WARC-Date"))
        return self.article(
            page, where, payload, decoded,
            html=decoded.text, url=record.rec_headers.get_header("WARC-Target-URI"),
            meta={"warc_date": warc_date} if warc_date else {},
        )


class _Bounded(DecompressingBufferedReader):
    """warcio's reader, with limits: warcio reads a header line whole however long
    (a gzip bomb without newlines is one line), and a header section as long as its lines go.

    Bytes read by lines since the last block read (a record's header lines) are cut at
    `page_limit`, and all bytes out, decompressed, at `file_limit`.
    """

    def __init__(self, stream: IO[bytes], page_limit: int, file_limit: int) -> None:
        super().__init__(stream)
        self.page_limit, self.file_limit = page_limit, file_limit
        self.in_lines = self.total = 0

    def read(self, length: int | None = None) -> bytes:
        self.in_lines = 0
        return self._count(super().read(length))

    def readline(self, length: int | None = None) -> bytes:
        room = self.page_limit + 1 - self.in_lines
        line = self._count(super().readline(room if length is None or length < 0 else min(length, room)))
        self.in_lines += len(line)
        if self.in_lines > self.page_limit:
            raise LimitError(over_limit("a record header", "max_page_bytes", self.page_limit))
        return line

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.file_limit:
            raise LimitError(over_limit("decompressed file", "max_file_bytes", self.file_limit))
        return data


class _Archive(ArchiveIterator):
    """warcio takes a record or gzip member cut off by the end of the file for the end
    of the archive, and stops without a word; here that is an error."""

    def __init__(self, stream: IO[bytes], page_limit: int, file_limit: int) -> None:
        super().__init__(stream)
        self.reader = _Bounded(self.fh, page_limit, file_limit)

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        super().close()
        if decompressor is not None and not decompressor.eof:
            raise ArchiveLoadFailed("the file ends inside a gzip member")
        if self.offset < self.fh.seek(0, os.SEEK_END):  # offset: where the next record would start
            raise ArchiveLoadFailed(f"the file ends inside the record at byte {self.offset}")


def _records(stream: IO[bytes], page_limit: int, file_limit: int) -> Iterator[ArcWarcRecord]:
    records = _Archive(stream, page_limit, file_limit)
    for number in count(1):
        try:
            record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, LimitError):
            raise
        except Exception as exc:  # warcio meets damaged archives with any error (AttributeError too)
            raise ArchiveLoadFailed(f"cannot parse record {number} ({type(exc).__name__}: {exc})") from exc
        yield record


def _read_to_end(record: ArcWarcRecord, number: int) -> None:
    """warcio reads a record's rest before the next one anyway; doing it here tells
    a complete record from one the end of the file cuts short, which it lets pass."""
    raw = record.raw_stream
    if not isinstance(raw, LimitReader):  # WARC records must have a Content-Length
        raise ArchiveLoadFailed(f"record {number} has no valid headers")
    while raw.read(BLOCK):
        pass
    if raw.limit > 0:
        raise ArchiveLoadFailed(f"record {number} is cut short: the file ends inside it")


def _is_html_page(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or not record.http_headers:
        return False
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return status.startswith("2") and content_type in HTML_TYPES
