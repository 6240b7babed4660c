"""JSON Lines: one page per line, read one line at a time however large the file.

Each line is an object with `text` or `html` (both may be given: the extractor then
works on the HTML and the text is kept should the HTML hold no article), and optionally
`id`, `url`, `source`, `title` and `published` (ISO date or date-time). A bad line
yields a failed record for that line; the lines after it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from rasd.readers.base import Reader, failed, iso_date, page_name
from rasd.record import Article


class JsonlReader(Reader):
    extensions = (".jsonl", ".ndjson")

    def pages(self, path: str, stream: IO[Any]) -> Iterator[Article]:
        stem = page_name(path)
        for lineno, line in enumerate(stream, 1):
            raw = line.encode("utf-8") if isinstance(line, str) else line  # text streams (stdin)
            raw = raw.removeprefix(b"\xef\xbb\xbf") if lineno == 1 else raw
            raw = raw.rstrip(b"\r\n")
            if raw.strip():
                yield self.record(raw, lineno, f"{path}:{lineno}", f"{stem}:{lineno}")

    def record(self, raw: bytes, lineno: int, where: str, default_page: str) -> Article:
        try:
            obj = json.loads(raw)
        except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8
            detail = f"{exc.msg}: column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            return failed(where, f"line {lineno} is not valid JSON: {detail}", default_page)
        if not isinstance(obj, dict):
            return failed(where, f"line {lineno} is not a JSON object", default_page)
        text, html = _text(obj, "text"), _text(obj, "html")
        page = _page_id(obj) or default_page
        if not text and not html:
            if "text" in obj or "html" in obj:  # present but blank: the page itself is empty
                return failed(where, f"line {lineno}: empty page (blank 'text'/'html')", page)
            return failed(where, f"line {lineno}: needs a 'text' or 'html' field", page)
        warnings = []
        published = iso_date(obj.get("published"))
        if obj.get("published") is not None and published is None:
            warnings.append(f"ignored 'published' {obj['published']!r}: not an ISO date")
        return self.article(
            page, where, raw,
            text=text or "", html=html, url=_text(obj, "url"), source=_text(obj, "source"),
            title=_text(obj, "title"), published=published, meta={"warnings": warnings} if warnings else {},
        )


def _text(obj: dict[str, Any], key: str) -> str | None:
    """A non-blank string field; anything else counts as absent."""
    value = obj.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _page_id(obj: dict[str, Any]) -> str | None:
    value = obj.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _text(obj, "id")
