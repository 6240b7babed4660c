import io

import pytest
from reader_samples import HEADLINE, html_page, write
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasd.readers import WarcReader, read

ID_1 = "2f6c1a3e-0d4b-4c1e-9a51-7f0e3b1d2c01"
ID_2 = "2f6c1a3e-0d4b-4c1e-9a51-7f0e3b1d2c02"


def _record(writer, kind, uri, body=b"", *, status="200 OK", content_type="text/html; charset=utf-8",
            record_id=None, date="2024-03-05T06:15:00Z"):
    if kind == "request":
        http = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "alsabah.example")], is_http_request=True)
    else:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    headers = {"WARC-Date": date}
    if record_id:
        headers["WARC-Record-ID"] = f"<urn:uuid:{record_id}>"
    writer.write_record(writer.create_warc_record(uri, kind, payload=io.BytesIO(body), http_headers=http,
                                                  warc_headers_dict=headers))


def make_warc(gzip: bool = True) -> bytes:
    return _warc(gzip)[0]


def _warc(gzip: bool) -> tuple[bytes, int]:
    """The archive, and where its last record starts."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    _record(writer, "request", "https://alsabah.example/118")
    _record(writer, "response", "https://alsabah.example/118", html_page("utf-8").encode("utf-8"), record_id=ID_1)
    _record(writer, "response", "https://alsabah.example/logo.png", b"\x89PNG\r\n\x1a\n\0\0", content_type="image/png")
    _record(writer, "response", "https://alsabah.example/old", b"<a href=/118>moved</a>", status="301 Moved")
    last = out.tell()
    _record(writer, "response", "https://alsabah.example/119", html_page("windows-1256").encode("cp1256"),
            content_type="text/html; charset=windows-1256", record_id=ID_2, date="2024-03-06T23:59:00Z")
    return out.getvalue(), last


def test_reads_html_responses_only(tmp_path):
    path = write(tmp_path, "crawl.warc.gz", make_warc())
    first, second = WarcReader(published="2020-01-01").read(path)
    assert (first.page, first.path) == (ID_1, f"{path}#2")
    assert (second.page, second.path) == (ID_2, f"{path}#5")
    assert first.url == "https://alsabah.example/118"
    assert first.html == html_page("utf-8")
    assert second.html == html_page("windows-1256")  # decoded by the HTTP charset
    assert second.meta["encoding"] == "cp1256"


def test_warc_date_is_only_a_fallback(tmp_path):
    path = write(tmp_path, "crawl.warc", make_warc(gzip=False))
    first, second = read([path], published="2020-01-01")
    assert first.published is None and second.published is None
    assert first.meta["warc_date"] == "2024-03-05"
    assert second.meta["warc_date"] == "2024-03-06"
    assert first.meta["fallback_published"] == "2020-01-01"


def test_page_key_is_stable(tmp_path):
    a = write(tmp_path / "a", "crawl.warc.gz", make_warc())
    b = write(tmp_path / "b", "crawl.warc", make_warc(gzip=False))
    keys_a = [p.page_key for p in read([a])]
    assert keys_a == [p.page_key for p in read([a])] == [p.page_key for p in read([b])]
    assert len(set(keys_a)) == 2


def test_truncated_warc_keeps_earlier_pages_and_reports(tmp_path):
    data = make_warc(gzip=False)
    cut = data.index(HEADLINE.encode("cp1256"))  # inside the last record's payload
    path = write(tmp_path, "cut.warc", data[:cut])
    *pages, failure = read([path])
    assert [p.page for p in pages] == [ID_1]
    assert failure.failed and failure.path == path and failure.page == "cut"
    assert failure.error == "corrupt or truncated WARC file: record 5 is cut short: the file ends inside it"


def test_not_a_warc(tmp_path):
    [failure] = read([write(tmp_path, "junk.warc", "هذا ليس أرشيفا\n" * 20)])
    assert failure.error.startswith("corrupt or truncated WARC file")


@pytest.mark.parametrize("where", [0.1, 0.5, 0.97])
def test_damaged_gzip_warc_keeps_earlier_pages_and_reports(tmp_path, where):
    data, last = _warc(gzip=True)
    cut = last + int((len(data) - last) * where)  # inside the last record's gzip member
    *pages, failure = read([write(tmp_path, "cut.warc.gz", data[:cut])])
    assert [p.page for p in pages] == [ID_1]
    assert failure.page == "cut" and failure.path.endswith("cut.warc.gz")
    assert failure.error.startswith("corrupt or truncated")


def test_undecodable_record_fails_alone(tmp_path):
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    _record(writer, "response", "https://alsabah.example/empty", b"  \n ", record_id=ID_1)
    _record(writer, "response", "https://alsabah.example/119", html_page().encode(), record_id=ID_2)
    path = write(tmp_path, "crawl.warc.gz", out.getvalue())
    bad, good = read([path])
    assert (bad.page, bad.path, bad.error) == (ID_1, f"{path}#1", "empty page")
    assert not good.failed and good.html == html_page()
