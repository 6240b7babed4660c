"""Property-based fuzzing of every reader: whatever the bytes, each page ends as an
article or a failed record with a reason; nothing raises, nothing hangs, every string
can be stored, and a bad JSON line never costs the good ones.

Runs are reproducible (`derandomize=True`, no example database) and bounded: a fixed
number of examples each, small limits so over-limit paths are reached cheaply, and an
alarm that fails a test instead of letting it hang.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasd.readers import read
from rasd.record import Article
from rasd.settings import Settings

# RASD_FUZZ_EXAMPLES=2000 for a longer run (docs/RELIABILITY.md); the suite's default is fast.
EXAMPLES = int(os.environ.get("RASD_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LIMITS = Settings(max_page_bytes=64 * 1024, max_file_bytes=256 * 1024, max_html_depth=32)

SENTENCES = [
    "وصل القطار الجديد إلى المحطة الشمالية صباح اليوم بعد تأخير قصير.",
    "قال مدير المدرسة إن الامتحانات تبدأ في الأسبوع المقبل.",
    "ارتفعت أسعار الخضار في السوق المركزي بسبب موجة البرد.",
]
GOOD = "\n".join(SENTENCES) + "\n"
# Text that breaks naive code: bidi controls, zero-width characters, other scripts,
# combining marks, Arabic presentation forms and tatweel, line and paragraph separators.
TRICKY = ("\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
          "\u200b\u200c\u200d\u2060\ufeff\u0640\ufdfa\ufefb\u064b\u0651\u0301"
          "\u2028\u2029\x85\x0b\x0c\r\t\x00")
WORDS = ["خبر", "المدينة", "Paris", "Москва", "東京", "٢٠٢٤", "2024", "‏(واس)", "«الفرنسية»", "ﷺ", "🙂", "e\u0301"]

tricky_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(list(TRICKY)), st.sampled_from(SENTENCES), st.text(max_size=20)),
    max_size=60,
).map("".join)
encoded = st.tuples(tricky_text, st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1256", "iso8859_6"])).map(
    lambda pair: pair[0].encode(pair[1], errors="replace"))
any_bytes = st.one_of(st.binary(max_size=4000), encoded)
huge = st.tuples(st.sampled_from(["أ", "x", "<", "{", "\n", " ", "\u200f"]), st.integers(1, 30_000)).map(
    lambda pair: (pair[0] * pair[1]).encode())  # up to 90 KB: over LIMITS.max_page_bytes
page_bytes = st.one_of(any_bytes, huge)


@pytest.fixture(autouse=True)
def no_hang():
    """A test running far longer than its examples take is a hang: fail it instead of waiting forever."""
    seconds = max(60, EXAMPLES // 3)
    def stop(*_):
        raise TimeoutError(f"fuzz test ran over {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def read_file(name: str, data: bytes, limits: Settings = LIMITS, *, pages_expected: bool = True) -> list[Article]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        records = list(read([str(path)], settings=limits))
    assert records or not pages_expected, "a file must give at least one record"
    for record in records:
        assert_sound(record)
    return records


def assert_sound(record: Article) -> None:
    """An article with text, or a failure with a reason; every string storable as UTF-8."""
    assert isinstance(record, Article)
    if record.failed:
        assert isinstance(record.error, str) and record.error.strip()
    else:
        assert (record.text or "").strip() or (record.html or "").strip()
    for value in (record.page, record.path, record.text, record.html, record.error, record.title,
                  record.url, record.source, json.dumps(record.meta, ensure_ascii=False)):
        if value is not None:
            value.encode("utf-8")  # raises on lone surrogates, which SQLite cannot store


@FUZZ
@given(page_bytes)
def test_text_files(data):
    [record] = read_file("page.txt", data)
    if len(data) > LIMITS.max_page_bytes:
        assert record.error == "page is over max_page_bytes = 65536 bytes"


@FUZZ
@given(st.one_of(page_bytes, tricky_text.map(lambda t: f"<html><head><meta charset={t[:12]}></head>"
                                                       f"<body><p>{t}</p></body></html>".encode("utf-8", "replace"))))
def test_html_files(data):
    read_file("page.html", data)


json_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), tricky_text),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=12,
)
FIELDS = ["id", "text", "html", "url", "source", "title", "published"]
json_object = st.dictionaries(st.sampled_from(FIELDS), json_value)  # every field, any type
json_line = st.one_of(
    json_object.map(lambda obj: json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    json_object.map(lambda obj: json.dumps(obj).encode()),  # \ud800-style escapes for lone surrogates
    st.tuples(st.sampled_from("[{"), st.integers(1, 5000)).map(lambda p: (p[0] * p[1]).encode()),  # deep
    any_bytes.map(lambda b: b.replace(b"\n", b" ")),
)
GOOD_LINE = json.dumps({"id": "good", "text": GOOD}, ensure_ascii=False).encode()


@FUZZ
@given(st.lists(json_line, max_size=8))
def test_json_lines_one_record_per_line_and_good_lines_survive(lines):
    records = read_file("feed.jsonl", b"\n".join([GOOD_LINE, *lines, GOOD_LINE]) + b"\n")
    assert len(records) == 2 + sum(1 for line in lines if line.strip())
    for good in records[0], records[-1]:
        assert (good.page, good.text, good.failed) == ("good", GOOD, False)


@FUZZ
@given(st.lists(json_line, max_size=6))
def test_stdin(lines):
    records = list(read(["-"], stdin=io.BytesIO(b"\n".join([GOOD_LINE, *lines, GOOD_LINE])), settings=LIMITS))
    for record in records:
        assert_sound(record)
    assert len(records) == 2 + sum(1 for line in lines if line.strip())
    assert records[-1].page == "good" and not records[-1].failed


def warc_archive(pages: list[tuple[str, bytes]], compress: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for number, (content_type, body) in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://akhbar.example/{number}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


warc_pages = st.lists(st.tuples(st.sampled_from(["text/html", "text/html; charset=windows-1256",
                                                 "text/html; charset=rot13", "text/html; charset=unicode_escape", "image/png", "text/plain"]),
                                page_bytes), max_size=4)


@FUZZ
@given(warc_pages, st.booleans(), st.one_of(st.none(), st.floats(0, 1)), st.binary(max_size=8))
def test_warc_files_whole_truncated_or_damaged(pages, compress, cut, junk):
    data = warc_archive(pages, compress)
    name = "crawl.warc.gz" if compress else "crawl.warc"
    html = [body for kind, body in pages if kind.startswith("text/html")]
    if cut is None:  # one record per HTML response; an archive of none only says so if empty
        records = read_file(name, data, pages_expected=bool(html))
        assert (len(records) == len(html) or "over max_file_bytes" in records[-1].error
                or not pages and records[0].error == "empty file")
    else:
        at = int(len(data) * cut)
        read_file(name, data[:at] + junk, pages_expected=False)  # cut short, with garbage after


@FUZZ
@given(st.sampled_from(["page.txt.gz", "page.html.gz", "feed.jsonl.gz"]), page_bytes,
       st.one_of(st.none(), st.floats(0, 1)))
def test_gzip_files_whole_or_truncated(name, data, cut):
    packed = gzip.compress(data)
    records = read_file(name, packed if cut is None else packed[:int(len(packed) * cut)])
    if cut is not None and int(len(packed) * cut) < len(packed):
        assert records[-1].failed  # a cut gzip stream is reported, never read as complete
