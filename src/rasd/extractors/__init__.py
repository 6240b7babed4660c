"""Extractors: a page's HTML in, its main text and metadata out."""

from rasd.extractors.html import HtmlExtractor

__all__ = ["HtmlExtractor"]
