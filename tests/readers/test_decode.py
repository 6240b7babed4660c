import codecs
import random

import pytest
from reader_samples import ARTICLE, html_page

from rasd.readers import DecodeError, decode


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by its NUL bytes
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("cp1256"), "cp1256"),
        (ARTICLE.encode("iso8859_6"), "iso8859-6"),
    ],
)
def test_decodes_arabic_in_each_encoding(data, encoding):
    result = decode(data)
    assert result.text == ARTICLE  # exactly, BOM removed, nothing normalised
    assert result.encoding == encoding
    assert result.warnings == ()


def test_keeps_text_exactly():
    text = "  الأُمَّة ـــ «قال» ١٢٣\r\n\tسطر\u200f ثانٍ  "
    assert decode(text.encode("utf-8")).text == text


@pytest.mark.parametrize("charset", ["windows-1256", "iso-8859-6"])
def test_declared_charset_is_honoured(charset):
    page = html_page(charset)
    assert decode(page.encode(charset), declared=charset).text == page


def test_valid_utf8_wins_over_a_stale_declaration():
    page = html_page("windows-1256")
    result = decode(page.encode("utf-8"), declared="windows-1256")
    assert result.text == page and result.encoding == "utf-8"


def test_latin_declaration_on_arabic_bytes_is_not_trusted():
    # Latin-1 decodes any bytes: the result would be mojibake like "ÇáãßÊÈÉ".
    page = html_page("iso-8859-1")
    result = decode(page.encode("cp1256"), declared="iso-8859-1")
    assert result.text == page
    assert result.encoding == "cp1256"
    assert any("iso-8859-1" in w for w in result.warnings)


def test_unknown_declared_charset_is_ignored():
    assert decode(ARTICLE.encode("cp1256"), declared="no-such-charset").text == ARTICLE


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_a_few_bad_bytes_in_utf8_are_replaced_and_noted(bom):
    good = (ARTICLE * 20).encode("utf-8")
    result = decode(bom + good[:1000] + b"\xff" + good[1000:])
    assert result.encoding == "utf-8"
    assert result.text.count("\ufffd") == 1
    assert result.text.replace("\ufffd", "") == good.decode("utf-8")
    assert result.warnings == ("replaced 1 invalid UTF-8 bytes",)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n ", codecs.BOM_UTF8, "  \n".encode("utf-16")])
def test_empty_page(data):
    with pytest.raises(DecodeError, match="empty page"):
        decode(data)


def test_nul_bytes_outside_utf16_are_binary():
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(DecodeError, match="binary content, not text"):
        decode(junk)


def test_too_many_bad_bytes_are_not_utf8():
    # Arabic in windows-1256 inside ASCII markup: few invalid UTF-8 bytes, but no valid
    # multi-byte characters either, so it must not pass as UTF-8 with replacements.
    page = "<p>" + "x" * 5000 + " " + ARTICLE + "</p>"
    result = decode(page.encode("cp1256"))
    assert result.text == page and result.encoding == "cp1256"


def test_nul_bytes_on_one_side_but_not_text_are_binary():
    rng = random.Random(3)
    numbers = b"".join(bytes([rng.randrange(0x41, 0x100), 0]) for _ in range(2000))  # uint16 < 256
    with pytest.raises(DecodeError, match="binary content, not text"):
        decode(numbers)


def test_random_high_bytes_are_not_text():
    # Every byte 0x80-0xFF is a letter or sign in windows-1256, but these have no word spacing.
    rng = random.Random(11)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    with pytest.raises(DecodeError, match="no encoding gives readable text"):
        decode(noise)


def test_control_characters_are_not_text():
    with pytest.raises(DecodeError, match="no encoding gives readable text"):
        decode(bytes(range(1, 9)) * 100 + b" abc")


def test_broken_utf16_after_bom_fails_clearly():
    with pytest.raises(DecodeError, match="utf-16-le"):
        decode(codecs.BOM_UTF16_LE + "نص".encode("utf-16-le") + b"\x00\xd8")
