"""Rasd: raw Arabic news pages in, a clean, deduplicated timeline of stories out."""

__version__ = "0.1.0"
