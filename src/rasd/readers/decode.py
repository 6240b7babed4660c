"""Bytes to text: find a page's encoding, or say clearly why there is none.

Order: a byte-order mark; UTF-16 without one (told by where its NUL bytes fall); strict
UTF-8; the declared charset (HTTP header or `<meta>`); UTF-8 with a tiny share of bad
bytes replaced; detection among the encodings Arabic (and French) news sites use. Valid
UTF-8 wins over a declared single-byte charset: Arabic text in windows-1256 or ISO-8859-6
is practically never valid UTF-8, while pages re-saved as UTF-8 often keep a stale
`<meta charset=windows-1256>`. Any result must read as text, or the page fails with a
`DecodeError` saying why. The text is returned exactly as decoded, not normalised.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

# Single-byte encodings tried by detection (UTF-8 and UTF-16 are handled before it).
DETECT = ["cp1256", "iso8859_6", "cp1252"]
MAX_MESS = 0.2  # charset-normalizer's own threshold for "this decoding is a mess"
MAX_BAD_UTF8 = 0.005  # share of invalid bytes a UTF-8 page may have and still count as UTF-8
MIN_READABLE = 0.95  # share of characters that must not be control or private-use ones

_BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
_UNREADABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
_BAD_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of an invalid byte
_ASCII_RUN = re.compile(rb"[\x00-\x7f]{32,}")
_NOT_READABLE = "could not decode: no encoding gives readable text"
# Python's own codecs, never a page's charset (the escape ones even make lone surrogates).
_PYTHON_CODECS = {"unicode-escape", "raw-unicode-escape", "undefined", "idna", "punycode", "charmap"}


class DecodeError(ValueError):
    """The bytes are not a readable text page; the message says why."""


class Decoded(NamedTuple):
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a whole page. Raises `DecodeError` for empty, binary or unreadable bytes."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            data = data[len(bom):]
            try:
                return _checked(data.decode(codec), codec)
            except UnicodeDecodeError:
                if codec != "utf-8":  # UTF-8 with a few bad bytes is handled below
                    raise DecodeError(f"invalid {codec} bytes after its byte-order mark") from None
            break
    if b"\x00" in data:
        return _utf16(data)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    warnings: list[str] = []
    single_byte = _single_byte(declared)
    if single_byte:
        try:
            return _checked(data.decode(single_byte), single_byte, guessed=True)
        except (UnicodeError, DecodeError):
            warnings.append(f"declared charset {declared!r} does not fit the bytes")
    lenient = _mostly_utf8(data)
    if lenient is not None:
        return _checked(lenient[0], "utf-8", warnings=(*warnings, lenient[1]))
    # Detection samples a few chunks of its input: left with the markup and scripts of a
    # page (long ASCII runs), it may never see the Arabic, so it is given the rest.
    best = from_bytes(_ASCII_RUN.sub(b" ", data), cp_isolation=DETECT).best()
    if best is None:
        raise DecodeError(_NOT_READABLE)
    return _checked(data.decode(best.encoding), best.encoding, warnings=tuple(warnings))


def _checked(text: str, encoding: str, *, guessed: bool = False, warnings: tuple[str, ...] = ()) -> Decoded:
    """Accept the decoded text only if it reads like text."""
    if not text.strip():
        raise DecodeError("empty page")
    if len(text) - len(_UNREADABLE.sub("", text)) > (1 - MIN_READABLE) * len(text):  # counted without a list
        raise DecodeError(_NOT_READABLE)
    # Single-byte code pages (and UTF-16) turn any bytes into letters: Arabic read as
    # Latin-1 (a common stale declaration) or noise. charset-normalizer's mess measure
    # (odd mixes of scripts and accents, words without spacing) tells these from text.
    if guessed and mess_ratio(text, MAX_MESS) >= MAX_MESS:
        raise DecodeError(_NOT_READABLE)
    return Decoded(text, codecs.lookup(encoding).name, warnings)  # one spelling: "iso8859-6"


def _utf16(data: bytes) -> Decoded:
    """Text with NUL bytes is UTF-16 only if they fall on one side of the byte pairs."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 == 0 and max(even, odd) >= 0.02 * len(data) / 2 and min(even, odd) * 10 <= max(even, odd):
        codec = "utf-16-le" if odd > even else "utf-16-be"  # ASCII in LE is (byte, 0)
        try:
            return _checked(data.decode(codec), codec, guessed=True)
        except (UnicodeDecodeError, DecodeError):
            pass
    raise DecodeError("binary content, not text")


def _single_byte(declared: str | None) -> str | None:
    """The codec for a declared charset, if known; UTF ones are covered by other steps."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
        b"a".decode(name)  # bytes-to-bytes codecs (rot13, zlib, base64) raise LookupError
    except (LookupError, UnicodeError):
        return None
    return None if name.startswith("utf") or name in _PYTHON_CODECS else name


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few corrupt bytes (a cut or a bad copy): replace them, and say so."""
    # Counted from lengths, not lists of matches: a 16 MiB page would make millions of strings.
    valid = data.decode("utf-8", errors="ignore")
    bad = len(data) - len(valid.encode("utf-8"))
    valid_non_ascii = len(valid) - len(valid.encode("ascii", errors="ignore"))
    # Mostly-ASCII pages in a legacy code page also have few bad bytes, but no valid
    # multi-byte characters: require those to outnumber the bad bytes by far.
    if bad > MAX_BAD_UTF8 * len(data) or valid_non_ascii < 10 * bad:
        return None
    escaped = data.decode("utf-8", errors="surrogateescape")
    return _BAD_BYTE.sub("\ufffd", escaped), f"replaced {bad} invalid UTF-8 bytes"
