"""`read()`: walk files and folders, handing each file to the reader for its type.

Types go by extension: `.txt` text, `.html`/`.htm` HTML, `.jsonl`/`.ndjson` JSON Lines,
`.warc`/`.warc.gz` WARC; any other `X.gz` is read through gzip as X. `-` is JSON Lines
on stdin. Folders are walked recursively in name order, skipping hidden entries, files
of other types and symlinked folders; a file of another type named explicitly fails.

Readers set `source` and `published` only from the page's own fields (JSON Lines
`source` and `published`, with `meta["published_from"] = "input"`). Fallbacks are kept
in `meta` for the stage that applies them after cleaning, when what the page itself
says is known: `meta["fallback_source"]` and `meta["fallback_published"]` (from the
arguments, i.e. the CLI) and `meta["warc_date"]` (the crawl date). Nothing here raises
for a bad file: it becomes a failed `Article` with the reason, and the walk goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from rasd.readers.base import Reader, failed
from rasd.readers.html import HtmlReader
from rasd.readers.jsonl import JsonlReader
from rasd.readers.text import TextReader
from rasd.readers.warc import WarcReader
from rasd.record import Article

READERS: tuple[type[Reader], ...] = (TextReader, HtmlReader, JsonlReader, WarcReader)
SUPPORTED = ".txt, .html, .htm, .jsonl, .ndjson or .warc, optionally gzipped (.gz)"


def read(paths: Iterable[str], *, source: str | None = None, published: str | None = None,
         stdin: IO[Any] | None = None) -> Iterator[Article]:
    """One `Article` per page of `paths`, streamed. Raises only for a bad `published`."""
    readers = [cls(source, published) for cls in READERS]  # checks `published` now, not lazily
    return _read(paths, readers, stdin)


def _reader_for(name: str, readers: Iterable[Reader]) -> Reader | None:
    lower = name.lower()
    inner = lower if lower.endswith(".warc.gz") else lower.removesuffix(".gz")
    return next((r for r in readers if inner.endswith(r.extensions)), None)


def _read(paths: Iterable[str], readers: list[Reader], stdin: IO[Any] | None) -> Iterator[Article]:
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin
            jsonl = next(r for r in readers if isinstance(r, JsonlReader))
            yield from jsonl.read("-", getattr(stream, "buffer", stream))  # bytes: no locale decoding
        elif os.path.isdir(path):
            yield from _read_folder(path, readers)
        elif not os.path.exists(path):
            yield failed(path, "no such file or folder")
        elif reader := _reader_for(path, readers):
            yield from reader.read(path)
        else:
            yield failed(path, f"unsupported file type: expected {SUPPORTED}")


def _read_folder(folder: str, readers: list[Reader]) -> Iterator[Article]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda entry: entry.name)
    except OSError as exc:
        yield failed(folder, f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _read_folder(entry.path, readers)
        elif reader := _reader_for(entry.name, readers):
            yield from reader.read(entry.path)
