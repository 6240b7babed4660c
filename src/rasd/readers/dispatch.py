"""`read()`: walk files and folders, handing each file to the reader for its type.

Types go by extension: `.txt` text, `.html`/`.htm` HTML, `.jsonl`/`.ndjson` JSON Lines,
`.warc`/`.warc.gz` WARC; any other `X.gz` is read through gzip as X. `-` is JSON Lines
on stdin. Folders are walked recursively in name order. Every entry that is not read
is reported as a failed record with the reason, in a walk as when named: files of other
types, FIFOs, sockets and devices (told by `stat`, never opened: reading one could block
forever), broken links and symbolic link loops. Symlinked folders are not followed in a
walk (a link back up would loop), and are reported; name one to read it. Only hidden
entries (`.git`, `.DS_Store`, editors' swap files) are skipped without a word.

Readers set `source` and `published` only from the page's own fields (JSON Lines
`source` and `published`, with `meta["published_from"] = "input"`). Fallbacks are kept
in `meta` for the stage that applies them after cleaning, when what the page itself
says is known: `meta["fallback_source"]` and `meta["fallback_published"]` (from the
arguments, i.e. the CLI) and `meta["warc_date"]` (the crawl date). Nothing here raises
for a bad file: it becomes a failed `Article` with the reason, and the walk goes on.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from rasd.readers.base import Reader, explain, failed, not_regular
from rasd.readers.html import HtmlReader
from rasd.readers.jsonl import JsonlReader
from rasd.readers.text import TextReader
from rasd.readers.warc import WarcReader
from rasd.record import Article
from rasd.settings import Settings

READERS: tuple[type[Reader], ...] = (TextReader, HtmlReader, JsonlReader, WarcReader)
SUPPORTED = ".txt, .html, .htm, .jsonl, .ndjson or .warc, optionally gzipped (.gz)"


def read(paths: Iterable[str | bytes], *, source: str | None = None, published: str | None = None,
         stdin: IO[Any] | None = None, settings: Settings | None = None) -> Iterator[Article]:
    """One `Article` per page of `paths`, streamed. Raises only for a bad `published`.

    `settings` gives the input limits (`max_page_bytes`, `max_file_bytes`, `max_html_depth`
    for JSON nesting); a page or file over one is a failed record saying which.
    """
    readers = [cls(source, published, settings) for cls in READERS]  # checks `published` now, not lazily
    return Pages([os.fsdecode(p) for p in paths], readers, stdin)


class Pages:
    """The pages of `paths`, read here as they are iterated. An executor that reads on its
    workers (rasd.executors.dask) takes them in parts instead: `files()` lists, in reading
    order, the files and the failed records of what cannot be read; `read_part()` reads a
    file, or the lines of a range of a large uncompressed JSON Lines file, where it runs."""

    def __init__(self, paths: list[str], readers: list[Reader], stdin: IO[Any] | None) -> None:
        self.paths, self.readers, self.stdin = paths, readers, stdin
        self._pages: Iterator[Article] | None = None

    def __iter__(self) -> Iterator[Article]:
        return self

    def __next__(self) -> Article:
        if self._pages is None:
            self._pages = _read(self.paths, self.readers, self.stdin)
        return next(self._pages)

    def __getstate__(self) -> dict[str, Any]:  # sent to workers to read parts: no stream, no generator
        return {"paths": self.paths, "readers": self.readers, "stdin": None, "_pages": None}

    @property
    def from_stdin(self) -> bool:
        return "-" in self.paths

    def files(self) -> Iterator[str | Article]:
        """The files to read, in reading order, and a failed record for each entry that is not read."""
        for path in self.paths:
            yield from _entries(path, self.readers, in_walk=False)

    def read_part(self, path: str, start: int = 0, end: int | None = None, first_line: int = 1) -> Iterator[Article]:
        reader = _reader_for(path, self.readers)
        assert reader is not None, path  # files() lists only files with a reader
        if end is None:
            return reader.read(path)
        assert isinstance(reader, JsonlReader)
        return reader.read_range(path, start, end, first_line)


def _reader_for(name: str, readers: Iterable[Reader]) -> Reader | None:
    lower = name.lower()
    inner = lower if lower.endswith(".warc.gz") else lower.removesuffix(".gz")
    return next((r for r in readers if inner.endswith(r.extensions)), None)


def _read(paths: Iterable[str | bytes], readers: list[Reader], stdin: IO[Any] | None) -> Iterator[Article]:
    for path in map(os.fsdecode, paths):
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            jsonl = next(r for r in readers if isinstance(r, JsonlReader))
            yield from jsonl.read("-", getattr(stream, "buffer", stream))  # bytes: no locale decoding
        else:
            yield from _read_path(path, readers, in_walk=False)


def _read_path(path: str, readers: list[Reader], *, in_walk: bool) -> Iterator[Article]:
    for entry in _entries(path, readers, in_walk=in_walk):
        if isinstance(entry, Article):
            yield entry
        else:
            yield from _reader_for(entry, readers).read(entry)  # type: ignore[union-attr]


def _entries(path: str, readers: list[Reader], *, in_walk: bool) -> Iterator[str | Article]:
    """The readable files under `path`, in walk order, and a failed record for each entry that is not."""
    try:
        mode = os.stat(path).st_mode  # follows links: a loop or a dangling link raises
    except OSError as exc:
        yield failed(path, _unreachable(path, exc))
        return
    if stat.S_ISDIR(mode):
        if in_walk and os.path.islink(path):
            yield failed(path, "symbolic link to a folder: not followed in a walk (name it to read it)")
        else:
            yield from _folder_entries(path, readers)
    elif not stat.S_ISREG(mode):
        yield failed(path, not_regular(mode))
    elif _reader_for(path, readers):
        yield path
    else:
        yield failed(path, f"unsupported file type: expected {SUPPORTED}")


def _unreachable(path: str, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "broken symbolic link: its target is missing" if os.path.islink(path) else "no such file or folder"
    return explain(exc)


def _folder_entries(folder: str, readers: list[Reader]) -> Iterator[str | Article]:
    try:
        with os.scandir(folder) as it:
            names = sorted(entry.name for entry in it)
    except OSError as exc:
        yield failed(folder, f"cannot read folder: {exc.strerror or exc}")
        return
    for name in names:
        if not name.startswith("."):
            yield from _entries(os.path.join(folder, name), readers, in_walk=True)
