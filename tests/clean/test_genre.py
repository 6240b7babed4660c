"""The genre is what the page says: its section, a label, a byline or signature, its URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.clean.genre import genre_of
from rasd.ingest import ingest
from rasd.record import Article
from rasd.settings import Settings
from rasd.store import Store

BODY = "أعلنت البلدية افتتاح الحديقة الجديدة في حي الورود بعد عامين من العمل."


def _article(text: str = BODY, title: str = "افتتاح حديقة الورود", url: str | None = None, **meta) -> Article:
    return Article(page="p", path="p", text=text, title=title, url=url, meta=meta)


@pytest.mark.parametrize("article, expected", [
    (_article(section="مقالات الرأي"), ("opinion", "section")),
    (_article(section="أخبار محلية"), ("news", "section")),
    (_article(section="Analysis"), ("analysis", "section")),
    (_article(text="مقال رأي | بقلم: هند العلي\n" + BODY), ("opinion", "label")),
    (_article(title="رأي: الحدائق ليست ترفاً"), ("opinion", "label")),
    (_article(title="تحليل: لماذا تأخرت الحديقة؟"), ("analysis", "label")),
    (_article(text="بقلم: سامر الحربي\n" + BODY), ("opinion", "byline")),
    (_article(text="تحليل يكتبه: د. منى السالم\n" + BODY), ("analysis", "byline")),
    (_article(text=BODY + "\nلمراسلة الكاتب: writer@example.org"), ("opinion", "signature")),
    (_article(url="https://example.org/opinion/2024/park"), ("opinion", "url")),
    (_article(url="https://example.org/Articles/Detail.aspx?id=7"), ("opinion", "url")),
])
def test_the_genre_comes_from_what_the_page_says(article: Article, expected: tuple[str, str]) -> None:
    assert genre_of(article) == expected


@pytest.mark.parametrize("article", [
    _article(),
    _article(title="الوزير: الحديقة تفتح أبوابها غداً"),  # a speaker's label is not a genre
    _article(text="الرياض - واس: " + BODY),  # a dateline is not a label
    _article(url="https://example.org/article_9912.html"),  # one article is not the Articles section
    _article(url="https://example.org/news/2024/park"),  # a news section says nothing more than no genre
])
def test_no_genre_when_the_page_does_not_say(article: Article) -> None:
    assert genre_of(article)[0] is None


def test_ingest_stores_and_exports_the_genre(tmp_path: Path) -> None:
    rows = [{"id": "col", "title": "الحدائق أولاً", "section": "كتاب الرأي", "text": BODY, "published": "2024-05-01"},
            {"id": "rep", "title": "افتتاح حديقة الورود", "text": BODY + " وحضر الافتتاح المحافظ.", "published": "2024-05-01"}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    with Store(tmp_path / "g.db") as store:
        ingest([str(path)], store, Settings(workers=1, understand=False))
        genres = {a["page"]: a["genre"] for a in store.articles()}
    assert genres == {"col": "opinion", "rep": None}
