import gzip
import io
import json

from reader_samples import ARTICLE, HEADLINE, html_page, write

from rasd.readers import JsonlReader, read


def lines(*objects) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objects)


def test_fields_come_from_the_line(tmp_path):
    path = write(tmp_path, "feed.jsonl", lines({
        "id": "alsabah-2024-118", "text": ARTICLE, "url": "https://alsabah.example/118",
        "source": "جريدة الصباح", "published": "2024-03-05T21:40:00+03:00", "title": HEADLINE,
    }))
    [page] = JsonlReader(source="fallback", published="2020-01-01").read(path)
    assert (page.page, page.path) == ("alsabah-2024-118", f"{path}:1")
    assert page.text == ARTICLE and page.html is None
    assert page.url == "https://alsabah.example/118"
    assert page.source == "جريدة الصباح" and page.title == HEADLINE
    assert page.published == "2024-03-05"
    assert page.meta["published_from"] == "input"
    assert "fallback_source" not in page.meta and "fallback_published" not in page.meta


def test_lines_without_id_are_named_by_file_and_line(tmp_path):
    path = write(tmp_path, "feed.ndjson", lines({"text": ARTICLE}, {"html": html_page(), "id": 42}))
    first, second = read([path])
    assert (first.page, first.path) == ("feed:1", f"{path}:1")
    assert (second.page, second.path) == ("42", f"{path}:2")
    assert second.html == html_page() and second.text == ""


def test_bad_lines_fail_alone(tmp_path):
    path = write(tmp_path, "feed.jsonl", lines(
        {"text": ARTICLE},
        '{"text": "نص مقطوع',
        "",
        {"title": HEADLINE},
        "[1, 2]",
        {"text": "   "},
        {"text": ARTICLE + "فقرة أخيرة.", "published": "الخامس من آذار"},
    ))
    records = list(read([path]))
    assert [r.path.rsplit(":", 1)[1] for r in records] == ["1", "2", "4", "5", "6", "7"]  # blank line 3 skipped
    ok, bad_json, no_text, not_object, blank_text, bad_date = records
    assert not ok.failed
    assert bad_json.page == "feed:2"
    assert bad_json.error == "line 2 is not valid JSON: Unterminated string starting at: column 10"
    assert no_text.error == "line 4: needs a 'text' or 'html' field"
    assert not_object.error == "line 5 is not a JSON object"
    assert blank_text.error == "line 6: empty page (blank 'text'/'html')"
    assert not bad_date.failed and bad_date.published is None
    assert bad_date.meta["warnings"] == ["ignored 'published' 'الخامس من آذار': not an ISO date"]


def test_invalid_utf8_line_fails_alone(tmp_path):
    path = write(tmp_path, "feed.jsonl", b'{"text": "\xe1\xe3"}\n' + lines({"text": ARTICLE}).encode())
    bad, good = read([path])
    assert bad.error.startswith("line 1 is not valid JSON")
    assert good.text == ARTICLE


def test_bom_and_crlf(tmp_path):
    data = b"\xef\xbb\xbf" + lines({"text": ARTICLE}, {"text": HEADLINE}).replace("\n", "\r\n").encode()
    first, second = read([write(tmp_path, "feed.jsonl", data)])
    assert first.text == ARTICLE and second.text == HEADLINE


def test_page_key_is_the_line(tmp_path):
    a = write(tmp_path / "a", "feed.jsonl", lines({"id": "p1", "text": ARTICLE}, {"id": "p2", "text": ARTICLE}))
    b = write(tmp_path / "b", "feed.jsonl.gz", gzip.compress(lines({"id": "p1", "text": ARTICLE}).encode()))
    p1, p2 = read([a])
    [p1_again] = read([b])
    assert p1.page_key == p1_again.page_key  # same id and line: same key, gzip or not
    assert p1.page_key != p2.page_key


def test_stdin_bytes_and_text():
    data = lines({"text": ARTICLE}, "not json", {"id": "s", "text": HEADLINE})
    for stdin in (io.BytesIO(data.encode()), io.StringIO(data)):
        first, bad, third = read(["-"], stdin=stdin, source="وكالة الأنباء")
        assert (first.page, first.path, first.text) == ("-:1", "-:1", ARTICLE)
        assert first.meta["fallback_source"] == "وكالة الأنباء"
        assert bad.path == "-:2" and bad.error.startswith("line 2 is not valid JSON")
        assert (third.page, third.path) == ("s", "-:3")


class _TextStdin(io.TextIOWrapper):
    """Like sys.stdin: text on top of a byte buffer, here in a locale that cannot read Arabic."""


def test_stdin_is_read_as_bytes_whatever_the_locale():
    stdin = _TextStdin(io.BytesIO(lines({"text": ARTICLE}).encode()), encoding="ascii")
    [page] = read(["-"], stdin=stdin)
    assert page.text == ARTICLE


def test_streams_one_line_at_a_time(tmp_path):
    path = write(tmp_path, "big.jsonl", lines(*({"text": f"{ARTICLE} {i}"} for i in range(1000))))
    with open(path, "rb") as stream:
        pages = JsonlReader().read(path, stream)
        next(pages)
        assert stream.tell() < 64 * 1024  # one buffer in, not the whole file
