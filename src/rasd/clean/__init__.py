"""Cleaning: boilerplate lines out, one record per article printed on a page."""

from rasd.clean.segment import Segmenter

__all__ = ["Segmenter"]
