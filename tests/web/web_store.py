"""A store with the story and web fixtures, shared by the API and browser tests (imported by
them; not a conftest, whose module name would clash with tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.ingest import ingest
from rasd.settings import Settings
from rasd.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "web.db"
    paths = [str(FIXTURES / "stories" / "articles.jsonl"), str(FIXTURES / "web" / "articles.jsonl")]
    with Store(db) as store:
        report = ingest(paths, store, Settings(workers=1))
    assert not report.failures and report.counts["articles"] == 10
    return db
