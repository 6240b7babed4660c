import gzip

import pytest
from reader_samples import html_page, write

from rasd.readers import HtmlReader, read
from rasd.readers.html import declared_charset


@pytest.mark.parametrize(("charset", "codec"), [("windows-1256", "cp1256"), ("ISO-8859-6", "iso8859-6"),
                                                ("utf-8", "utf-8")])
def test_reads_html_in_its_declared_charset(tmp_path, charset, codec):
    page = html_page(charset)
    path = write(tmp_path, "news.html", page.encode(codec))
    [article] = HtmlReader().read(path)
    assert not article.failed
    assert article.html == page
    assert article.text == ""
    assert article.page == "news"
    assert article.meta["encoding"] == codec


def test_undeclared_legacy_charset_is_detected(tmp_path):
    page = html_page("x").replace('<meta http-equiv="Content-Type" content="text/html; charset=x">', "")
    path = write(tmp_path, "news.htm", page.encode("cp1256"))
    [article] = read([path])
    assert article.html == page and article.meta["encoding"] == "cp1256"


def test_gzipped_html(tmp_path):
    path = write(tmp_path, "news.html.gz", gzip.compress(html_page().encode("utf-8")))
    [article] = read([path])
    assert article.page == "news" and article.html == html_page()


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="windows-1256">', "windows-1256"),
        (b"<META CHARSET=iso-8859-6>", "iso-8859-6"),
        (b'<meta http-equiv="content-type" content="text/html; charset=UTF-8" />', "UTF-8"),
        (b"<meta name=viewport content=width=device-width>", None),
    ],
)
def test_declared_charset(head, charset):
    assert declared_charset(b"<html><head>" + head + b"</head>") == charset
