import codecs
import gzip

import pytest
from reader_samples import ARTICLE, write

from rasd.readers import TextReader, read


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("cp1256"), "cp1256"),
        (ARTICLE.encode("iso8859_6"), "iso8859-6"),
    ],
)
def test_reads_a_text_page_in_each_encoding(tmp_path, data, encoding):
    path = write(tmp_path, "library-opening.txt", data)
    [page] = TextReader().read(path)
    assert not page.failed
    assert page.page == "library-opening"
    assert page.path == path
    assert page.text == ARTICLE
    assert page.html is None
    assert page.meta["encoding"] == encoding


def test_fallbacks_go_to_meta_not_to_fields(tmp_path):
    path = write(tmp_path, "a.txt", ARTICLE)
    [page] = TextReader(source="جريدة الصباح", published="2024-03-05T09:00:00").read(path)
    assert page.source is None and page.published is None
    assert page.meta["fallback_source"] == "جريدة الصباح"
    assert page.meta["fallback_published"] == "2024-03-05"
    assert "published_from" not in page.meta


def test_page_key_is_stable_and_follows_content(tmp_path):
    first = write(tmp_path / "one", "page.txt", ARTICLE)
    again = write(tmp_path / "two", "page.txt", ARTICLE)
    other = write(tmp_path / "three", "page.txt", ARTICLE + "سطر إضافي.\n")
    renamed = write(tmp_path / "four", "other-name.txt", ARTICLE)
    key = next(read([first])).page_key
    assert len(key) == 32
    assert next(read([first])).page_key == key  # re-reading the same page
    assert next(read([again])).page_key == key  # same id and bytes, elsewhere
    assert next(read([other])).page_key != key
    assert next(read([renamed])).page_key != key


def test_gzip_is_transparent_and_keys_the_page_not_the_archive(tmp_path):
    plain = write(tmp_path / "plain", "page.txt", ARTICLE)
    packed = write(tmp_path / "packed", "page.txt.gz", gzip.compress(ARTICLE.encode("utf-8")))
    [a], [b] = read([plain]), read([packed])
    assert b.page == "page" and b.path == packed and b.text == ARTICLE
    assert a.page_key == b.page_key


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty page"),
        (b" \n\n  \t\n", "empty page"),
        (bytes(range(256)) * 8, "binary content, not text"),
        (bytes(range(0x80, 0x100)) * 20, "could not decode: no encoding gives readable text"),
    ],
)
def test_unreadable_pages_fail_with_a_reason(tmp_path, data, reason):
    path = write(tmp_path, "bad.txt", data)
    [page] = read([path])
    assert page.failed
    assert page.error == reason
    assert page.page == "bad" and page.path == path


def test_corrupt_gzip_fails_with_a_reason(tmp_path):
    data = gzip.compress(ARTICLE.encode("utf-8") * 50)
    truncated = write(tmp_path, "cut.txt.gz", data[: len(data) // 2])
    not_gzip = write(tmp_path, "fake.txt.gz", ARTICLE)
    [cut], [fake] = read([truncated]), read([not_gzip])
    assert cut.error.startswith("corrupt or truncated compressed file")
    assert fake.error.startswith("corrupt or truncated compressed file: Not a gzipped file")


def test_bad_published_fallback_is_a_usage_error():
    with pytest.raises(ValueError, match="not an ISO date"):
        read(["x.txt"], published="05/03/2024")
