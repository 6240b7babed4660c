"""Shared helpers. All Arabic text in tests is original writing for Rasd."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.record import Article, digest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "samples"


def make_article(text: str = "", page: str = "p1", **fields) -> Article:
    """A page as a reader would make it."""
    fields.setdefault("path", f"{page}.txt")
    fields.setdefault("page_key", digest(page, text))
    return Article(page=page, text=text, **fields)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "rasd.db"
