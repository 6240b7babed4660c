"""The bundled sample corpus end to end: every bad file reported, every good page stored."""

import pytest

from conftest import SAMPLES
from rasd.ingest import ingest
from rasd.settings import Settings
from rasd.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("samples") / "samples.db"
    with Store(db) as store:
        ingest([str(SAMPLES)], store, Settings(workers=1))
    store = Store(db, readonly=True)
    yield store
    store.close()


def test_every_bad_file_is_reported_with_its_path_and_reason(store):
    errors = {e["path"].removeprefix(str(SAMPLES) + "/"): e["reason"] for e in store.errors()}
    assert errors == {
        "bad/empty.txt": "empty page",
        "bad/junk.txt": "binary content, not text",
        "bad/truncated.html": "no article text found in the HTML (empty or truncated page)",
        "bad/undecodable.txt": "could not decode: no encoding gives readable text",
        "jsonl/feed.jsonl:5": errors.get("jsonl/feed.jsonl:5", "missing"),
    }
    assert errors["jsonl/feed.jsonl:5"].startswith("line 5 is not valid JSON")


def test_every_good_page_is_stored(store):
    stats = store.stats()
    # 8 text pages, 4 HTML, 6 good JSON Lines, 3 WARC records; one text page holds two articles
    assert stats["pages"] == 21 and stats["articles"] == 22
    assert stats["undated"] == 1  # the one page with no date anywhere


def test_duplicate_cases_of_the_corpus(store):
    rows = store.db.execute(
        "SELECT d.path, c.path, json_extract(d.meta, '$.duplicate.method') FROM articles d"
        " JOIN articles c ON c.id = d.duplicate_of"
    ).fetchall()
    found = {d.removeprefix(str(SAMPLES) + "/"): (c.removeprefix(str(SAMPLES) + "/"), how) for d, c, how in rows}
    assert found == {
        # the same body under other chrome (the JSON Lines feed is read first)
        "text/bawabat-alkhaleej/2023-10-25-riyadh-forum.txt": ("jsonl/feed.jsonl:1", "exact"),
        # another outlet's rewrite
        "text/publicnews/2021-06-16-geneva-summit.txt": ("html/alsharq-alyawm/2021-06-16-geneva-summit.html", "near"),
        # the first half, republished with edits
        "warc/crawl.warc.gz#3": ("html/wakala-arabia/2025-01-15-us-export-curbs.html", "near"),
    }  # and the next day's report on the same summit is not among them


def test_two_article_page_and_encodings(store):
    pages = {}
    for a in store.articles():
        pages.setdefault(a["page"], []).append(a)
    assert len(pages["2022-07-20-two-stories"]) == 2
    for page in ("2020-03-09-oil-prices.cp1256", "2024-02-06-cairo-book-fair.utf16",
                 "2025-02-18-riyadh-talks.bom", "2020-08-12-desalination.iso8859-6"):
        [article] = pages[page]
        assert "\ufffd" not in article["text"] and "\ufeff" not in article["text"]
        assert sum("\u0600" <= ch <= "\u06ff" for ch in article["text"]) > 300
