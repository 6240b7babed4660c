"""Cleaning: boilerplate lines out, one record per article printed on a page."""

from rasd.clean.genre import GenreMarker
from rasd.clean.segment import Segmenter
from rasd.clean.site_chrome import SiteChrome

__all__ = ["GenreMarker", "Segmenter", "SiteChrome"]
