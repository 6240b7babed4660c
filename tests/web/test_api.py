"""The HTTP API and the pages' JSON twins, in process (FastAPI's TestClient)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from rasd.web import create_app
from web_store import web_db  # noqa: F401 - a fixture


@pytest.fixture(scope="module")
def client(web_db) -> TestClient:
    return TestClient(create_app(web_db))


def _json(client: TestClient, path: str, status: int = 200) -> dict:
    response = client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _first(client: TestClient, path: str, key: str) -> dict:
    return _json(client, path)[key][0]


def test_every_endpoint_answers(client: TestClient) -> None:
    story = _first(client, "/api/stories", "stories")
    assert set(story) >= {"id", "title", "article_ids", "start", "end", "summary", "storyline_id", "event_ids"}
    one = _json(client, f"/api/stories/{story['id']}")
    assert one["story"]["id"] == story["id"] and len(one["articles"]) == len(story["article_ids"])
    line = _first(client, "/api/storylines", "storylines")
    assert _json(client, f"/api/storylines/{line['id']}")["storyline"]["story_ids"] == line["story_ids"]
    article = _first(client, "/api/articles", "articles")
    full = _json(client, f"/api/articles/{article['id']}")["article"]
    assert full["id"] == article["id"] and full["text"].startswith(article["text"][:50])
    entity = _first(client, "/api/entities", "entities")
    detail = _json(client, f"/api/entities/{entity['id']}")
    assert detail["entity"]["id"] == entity["id"]
    assert detail["mentions_over_time"] and all(re.fullmatch(r"\d{4}-\d\d", m["month"]) for m in detail["mentions_over_time"])
    assert isinstance(detail["quotes"], list) and isinstance(detail["cooccurring"], list)
    assert isinstance(_json(client, "/api/events")["events"], list)
    found = _json(client, "/api/search?q=اليرموك")
    assert found["total"] >= 1 and found["results"][0]["snippet"]


def test_pages_have_json_twins_from_the_same_view(client: TestClient) -> None:
    story = _first(client, "/api/stories", "stories")
    assert _json(client, "/.json") == _json(client, "/?format=json") == _json(client, "/api/stories")
    assert _json(client, f"/stories/{story['id']}.json") == _json(client, f"/api/stories/{story['id']}")
    assert _json(client, "/search.json?q=اليرموك") == _json(client, "/api/search?q=اليرموك")
    page = client.get(f"/stories/{story['id']}")
    assert page.headers["content-type"].startswith("text/html")
    assert f'href="/stories/{story["id"]}.json"' in page.text


def test_pagination(client: TestClient) -> None:
    everything = _json(client, "/api/stories?limit=200")["stories"]
    first, second = _json(client, "/api/stories?limit=2"), _json(client, "/api/stories?limit=2&offset=2")
    assert [s["id"] for s in first["stories"] + second["stories"]] == [s["id"] for s in everything[:4]]
    assert first["page"]["next_offset"] == 2
    articles = _json(client, "/api/articles?limit=3")
    assert articles["page"]["total"] == 9 and len(articles["articles"]) == 3  # originals only: w2b is a copy


def test_stories_sort_by_importance_in_the_api_and_the_page(client: TestClient) -> None:
    ranked = _json(client, "/api/stories?sort=importance&limit=200")["stories"]
    assert [s["importance"] for s in ranked] == sorted((s["importance"] for s in ranked), reverse=True)
    assert {s["id"] for s in ranked} == {s["id"] for s in _json(client, "/api/stories?limit=200")["stories"]}
    page = client.get("/?sort=importance")
    assert page.status_code == 200 and '<option value="importance" selected>' in page.text


@pytest.mark.parametrize("path, status", [
    ("/api/stories/no-such-story", 404), ("/api/articles/%F0%9F%98%80", 404), ("/api/entities/%E2%80%AEabc", 404),
    ("/api/storylines/..%2F..%2Fetc", 404), ("/api/stories?from=yesterday", 400), ("/api/stories?to=2024-02-30", 400),
    ("/api/stories?limit=100000", 422), ("/api/stories?limit=0", 422), ("/api/articles?offset=-1", 422),
    ("/api/events?type=party", 400), ("/api/entities?type=XYZ", 400), ("/api/search?q=" + "ب" * 5000, 422),
    ("/api/no-such-endpoint", 404), ("/api/stories?limit=abc", 422), ("/api/stories?sort=loudest", 422),
])
def test_bad_input_gets_a_4xx_with_a_message(client: TestClient, path: str, status: int) -> None:
    body = _json(client, path, status)
    assert body["error"]["status"] == status and body["error"]["message"]


@pytest.mark.parametrize("q", ['"', 'ترمب"', "NEAR(ترمب", "* OR", "(", "AND", "ترمب OR", "\u202e\u0000", "😀", "-", "'; DROP TABLE articles; --"])
def test_hostile_queries_never_500(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code in (200, 400), response.text[:300]
    assert client.get("/api/articles").status_code == 200


def test_search_is_blind_to_spelling(client: TestClient) -> None:
    titles = [r["title"] for r in _json(client, "/api/search?q=ترمب")["results"]]
    assert any("ترامب" in t and "ترمب" not in t for t in titles)  # t2 only says ترامب
    assert any("ترمب" in t for t in titles)


def test_html_is_rtl_escaped_and_has_no_inline_script(client: TestClient) -> None:
    xss = next(a for a in _json(client, "/api/articles?limit=200")["articles"] if "شيفرة" in (a["title"] or ""))
    pages = ["/", "/storylines", "/events", "/entities", "/articles", f"/articles/{xss['id']}",
             f"/stories/{xss['story_id']}", "/search?q=شيفرة", "/stories/nope", "/?from=bad"]
    for path in pages:
        response = client.get(path)
        html = response.text
        assert '<html lang="ar" dir="rtl">' in html, path
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), f"inline script on {path}"
        assert not re.search(r"<(img|svg)[^>]*on(error|load)", html), f"live payload on {path}"
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    article = client.get(f"/articles/{xss['id']}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=" in article and "موقع &lt;b&gt;التجربة&lt;/b&gt;" in article


def test_api_docs_are_served_locally(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in docs.text and "http" not in docs.text
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    spec = _json(client, "/openapi.json")
    assert {"/api/stories", "/api/stories/{story_id}", "/api/search", "/api/entities/{entity_id}"} <= set(spec["paths"])


def test_an_entity_page_lists_every_quote_of_its_speaker(client: TestClient) -> None:
    said: dict[str, list[str]] = {}
    for article in _json(client, "/api/articles?limit=200")["articles"]:  # originals only, as the entity page
        for quote in _json(client, f"/api/articles/{article['id']}")["article"]["quotes"]:
            if quote.get("speaker_id"):
                said.setdefault(quote["speaker_id"], []).append(quote["text"])
    assert said, "the fixtures quote named people"
    for entity_id, texts in said.items():
        quotes = _json(client, f"/api/entities/{entity_id}")["quotes"]
        assert sorted(q["text"] for q in quotes) == sorted(texts)
        assert [q["published"] for q in quotes] == sorted((q["published"] for q in quotes), reverse=True)
