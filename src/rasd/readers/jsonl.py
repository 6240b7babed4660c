"""JSON Lines: one page per line, read one line at a time however large the file.

Each line is an object with `text` or `html` (both may be given: the extractor then
works on the HTML and the text is kept should the HTML hold no article), and optionally
`id`, `url`, `source`, `title`, `published` (ISO date or date-time) and `section` (or
`genre`: the outlet's section, e.g. "رأي", read by rasd.clean.genre). A bad line
yields a failed record for that line; the lines after it are still read. A line longer
than `max_page_bytes` or nested deeper than `max_html_depth` fails without being held
whole or parsed; a field of the wrong type is named; lone surrogates (`"\\ud800"`, not
text in any encoding) are replaced with U+FFFD, with a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

from rasd.readers.base import READ_ERRORS, Reader, explain, failed, iso_date, over_limit, page_name, shown
from rasd.readers.decode import DecodeError
from rasd.record import Article

SKIP_BLOCK = 2**20  # the rest of an over-long line is skipped in blocks this size
FIELDS = ("text", "html", "url", "source", "title")
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*+"')  # JSON strings, whose brackets do not nest
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonlReader(Reader):
    extensions = (".jsonl", ".ndjson")

    def pages(self, path: str, stream: IO[Any], first_line: int = 1, whole: bool = True) -> Iterator[Article]:
        """The file's pages; or, from `read_range`, those of a part of it whose first line is
        `first_line` (not the `whole` file: a part of blank lines is no error)."""
        stem = page_name(path)
        limit = self.settings.max_page_bytes
        lineno = first_line - 1
        seen_page = not whole
        while line := stream.readline(limit + 1):
            lineno += 1
            where, default_page = f"{path}:{lineno}", f"{stem}:{lineno}"
            if len(line) > limit and not _ends_line(line):
                _skip_line(stream)
                yield failed(where, over_limit(f"line {lineno}", "max_page_bytes", limit), default_page)
                seen_page = True
                continue
            raw = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line  # text streams (stdin)
            raw = raw.removeprefix(b"\xef\xbb\xbf") if lineno == 1 else raw
            raw = raw.rstrip(b"\r\n")
            if raw.strip():
                seen_page = True
                yield self.record(raw, lineno, where, default_page)
        if not seen_page:
            raise DecodeError("empty file" if lineno == 0 else "no JSON lines, only blank ones")

    def read_range(self, path: str, start: int, end: int, first_line: int) -> Iterator[Article]:
        """The pages of the lines that start in bytes [start, end) of an uncompressed file, the
        first of them line `first_line`: a large file read in parts, each on its own worker,
        with the records the whole file gives (names and page ids carry the line number)."""
        name = shown(path)
        try:
            with self.open(path) as opened:
                opened.seek(start)
                yield from self.pages(name, _Until(opened, end), first_line, whole=False)
        except READ_ERRORS as exc:
            yield failed(name, explain(exc))

    def record(self, raw: bytes, lineno: int, where: str, default_page: str) -> Article:
        depth = self.settings.max_html_depth
        if _nested_deeper(raw, depth):
            return failed(where, f"line {lineno}: JSON nested deeper than max_html_depth = {depth}", default_page)
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, bytes that are not UTF-8, too deep
            detail = f"{exc.msg}: column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            return failed(where, f"line {lineno} is not valid JSON: {detail}", default_page)
        if not isinstance(obj, dict):
            return failed(where, f"line {lineno} is not a JSON object", default_page)
        warnings: list[str] = []
        fields = {key: _text(obj, key, warnings) for key in FIELDS}
        page = _page_id(obj, warnings) or default_page
        if not fields["text"] and not fields["html"]:
            if warnings and warnings[0].startswith(("'text'", "'html'")):
                return failed(where, f"line {lineno}: {warnings[0]}", page)
            if "text" in obj or "html" in obj:  # present but blank: the page itself is empty
                return failed(where, f"line {lineno}: empty page (blank 'text'/'html')", page)
            return failed(where, f"line {lineno}: needs a 'text' or 'html' field", page)
        published = iso_date(obj.get("published"))
        if obj.get("published") is not None and published is None:
            warnings.append(f"ignored 'published' {repr(obj['published'])[:40]}: not an ISO date")
        meta: dict = {"warnings": warnings} if warnings else {}
        section = next((obj[key] for key in ("section", "genre") if isinstance(obj.get(key), str) and obj[key].strip()), None)
        if section:
            meta["section"] = section.strip()[:200]
        return self.article(
            page, where, raw, text=fields["text"] or "", html=fields["html"], url=fields["url"],
            source=fields["source"], title=fields["title"], published=published, meta=meta,
        )


class _Until:
    """A binary file whose lines end at the first line starting at or after `end`."""

    def __init__(self, stream: IO[bytes], end: int) -> None:
        self.stream, self.end = stream, end

    def readline(self, size: int = -1) -> bytes:
        return self.stream.readline(size) if self.stream.tell() < self.end else b""


def line_start(path: str, offset: int) -> int:
    """The offset of the first line of an uncompressed file that starts at or after `offset`."""
    if offset <= 0:
        return 0
    with open(path, "rb") as f:
        f.seek(offset - 1)
        _skip_line(f)
        return f.tell()


def count_lines(path: str, start: int, end: int) -> int:
    """How many line ends lie in bytes [start, end) of a file."""
    n = 0
    with open(path, "rb") as f:
        f.seek(start)
        while start < end and (block := f.read(min(SKIP_BLOCK, end - start))):
            n += block.count(b"\n")
            start += len(block)
    return n


def _ends_line(line: bytes | str) -> bool:
    return line.endswith(b"\n" if isinstance(line, bytes) else "\n")


def _skip_line(stream: IO[Any]) -> None:
    """Read past the rest of the current line without holding it."""
    while (chunk := stream.readline(SKIP_BLOCK)) and not _ends_line(chunk):
        pass


def _nested_deeper(raw: bytes, limit: int) -> bool:
    """Whether brackets outside strings nest deeper than `limit`, found before parsing:
    the parser recurses once per level, and a 100k-deep line would exhaust the stack."""
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    if len(brackets) <= limit:  # news pages: a handful of brackets
        return False
    depth = 0
    for byte in brackets:
        depth += 1 if byte in b"[{" else -1
        if depth > limit:
            return True
    return False


def _text(obj: dict[str, Any], key: str, warnings: list[str]) -> str | None:
    """A non-blank string field; absent, null or blank count as absent, another type is named."""
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        warnings.append(f"'{key}' is {_kind(value)}, not a string")
        return None
    return _repair(value, warnings) if value and value.strip() else None


def _page_id(obj: dict[str, Any], warnings: list[str]) -> str | None:
    value = obj.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _text(obj, "id", warnings)


def _repair(value: str, warnings: list[str]) -> str:
    """Lone surrogates (from `\\ud800`-style escapes) become U+FFFD: they cannot be stored."""
    repaired, count = _SURROGATE.subn("\ufffd", value)
    if count:
        warnings.append(f"replaced {count} lone surrogate(s) with U+FFFD")
    return repaired


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return {list: "a list", dict: "an object"}.get(type(value), type(value).__name__)
