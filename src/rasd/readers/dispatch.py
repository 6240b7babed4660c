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
    return _read(paths, readers, stdin)


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
    try:
        mode = os.stat(path).st_mode  # follows links: a loop or a dangling link raises
    except OSError as exc:
        yield failed(path, _unreachable(path, exc))
        return
    if stat.S_ISDIR(mode):
        if in_walk and os.path.islink(path):
            yield failed(path, "symbolic link to a folder: not followed in a walk (name it to read it)")
        else:
            yield from _read_folder(path, readers)
    elif not stat.S_ISREG(mode):
        yield failed(path, not_regular(mode))
    elif reader := _reader_for(path, readers):
        yield from reader.read(path)
    else:
        yield failed(path, f"unsupported file type: expected {SUPPORTED}")


def _unreachable(path: str, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "broken symbolic link: its target is missing" if os.path.islink(path) else "no such file or folder"
    return explain(exc)


def _read_folder(folder: str, readers: list[Reader]) -> Iterator[Article]:
    try:
        with os.scandir(folder) as it:
            names = sorted(entry.name for entry in it)
    except OSError as exc:
        yield failed(folder, f"cannot read folder: {exc.strerror or exc}")
        return
    for name in names:
        if not name.startswith("."):
            yield from _read_path(os.path.join(folder, name), readers, in_walk=True)
