"""Readers: files in, one `Article` per page out (see `rasd.readers.dispatch`)."""

from rasd.readers.base import Reader
from rasd.readers.decode import Decoded, DecodeError, decode
from rasd.readers.dispatch import read
from rasd.readers.html import HtmlReader
from rasd.readers.jsonl import JsonlReader
from rasd.readers.text import TextReader
from rasd.readers.warc import WarcReader

__all__ = ["DecodeError", "Decoded", "HtmlReader", "JsonlReader", "Reader", "TextReader", "WarcReader",
           "decode", "read"]
