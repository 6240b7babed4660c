"""The web app against hostile data and hostile requests: script in every stored field and
URLs with dangerous schemes, SQL and FTS syntax in every query parameter (hypothesis),
absurd pages, offsets and dates, 100 KB query strings, path traversal, other methods, HEAD,
and the security headers on every answer."""

from __future__ import annotations

import http.client
import json
import random
import re
import socket
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.ingest import ingest
from rasd.settings import Settings
from rasd.store import Store
from rasd.web import create_app
from web_helpers import PLACES, TOPICS, WORDS, assert_secure, running

XSS = ['<script>alert("x1")</script>', '"><img src=x onerror=alert(2)>', "'><svg onload=alert(3)>",
       "</title><script>alert(4)</script>", '<a href="javascript:alert(5)">رابط</a>',
       '<iframe src="data:text/html,<script>alert(6)</script>"></iframe>', "{{ 7 * 7 }}{% if 1 %}x{% endif %}"]
URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\tjavascript:alert(1)",
        "java\nscript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "//evil.example/x", "file:///etc/passwd",
        'https://ok.example/a?b="><script>alert(7)</script>', "http://ok.example/plain"]
SAFE_URLS = {u for u in URLS if u.startswith(("http://", "https://"))}
SQLISH = ["'", '"', "''", "';--", "' OR '1'='1", "1; DROP TABLE articles; --", "\\", "%", "_", "*", "^", ":",
          "NEAR(", "NEAR(a b, 2)", "AND", "OR", "NOT", "(", ")", "{a b}", "title:", "body : x", "\"unterminated",
          "a*", "-x", "+", "\x00", "\u202e", "😀", "..", "../..", "%00", "null", "NaN", "-1", "1e309", " "]
LIST_PAGES = ["/", "/api/stories", "/articles", "/api/articles", "/entities", "/api/entities", "/events",
              "/api/events", "/storylines", "/api/storylines", "/search", "/api/search"]
PARAMS = ["q", "from", "to", "entity", "source", "story_id", "type", "entity_id", "limit", "offset", "format"]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    with (folder / "pages.jsonl").open("w", encoding="utf-8") as out:
        for i, url in enumerate(URLS):
            payload = XSS[i % len(XSS)]
            words = " ".join(random.Random(i).choices(WORDS + TOPICS + PLACES, k=80))  # no two alike: no duplicates
            text = (f"خبر رقم {i} عن اجتماع وزراء المياه لبحث السدود. {words}. {payload}\n\n"
                    f"وقال الوزير سالم الحربي إن \"{XSS[(i + 1) % len(XSS)]}\" في اليوم رقم {i}. " + " ".join(XSS))
            out.write(json.dumps({"id": f"h{i}", "url": url, "source": f"مصدر {payload}", "published": f"2025-01-{i + 1:02d}",
                                  "title": f"عنوان {i} {payload}", "text": text}, ensure_ascii=False) + "\n")
    db = folder / "hostile.db"
    with Store(db) as store:
        report = ingest([str(folder / "pages.jsonl")], store, Settings(workers=1))
    assert not report.failures and report.counts["articles"] == len(URLS)
    return db


@pytest.fixture(scope="module")
def client(hostile_db) -> TestClient:
    return TestClient(create_app(hostile_db), raise_server_exceptions=False)


class Links(HTMLParser):
    """Every URL an HTML page would follow or load, and every event-handler attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "srcdoc", "data"):
                self.urls.append(value or "")
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")


def assert_inert(html: str, where: str) -> None:
    for payload in XSS + sorted(URLS):
        if "<" in payload or '"' in payload:
            assert payload not in html, f"{payload!r} unescaped on {where}"
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html), f"inline script on {where}"
    links = Links()
    links.feed(html)
    assert not links.handlers, f"event handlers {links.handlers} on {where}"
    for url in links.urls:
        if url.startswith(("http://", "https://")):
            assert url in SAFE_URLS, f"unexpected outside link {url!r} on {where}"
        else:  # our own paths only: not //host, not another scheme
            assert url.startswith(("/", "?", "#")) and not url.startswith("//"), f"link {url!r} on {where}"


def ids(client: TestClient, path: str, key: str) -> list[str]:
    return [row["id"] for row in client.get(path).json()[key]]


def test_stored_script_and_urls_never_run_or_link(client: TestClient) -> None:
    articles = client.get("/api/articles?limit=200").json()["articles"]
    stories, entities = ids(client, "/api/stories?limit=200", "stories"), ids(client, "/api/entities?limit=200", "entities")
    pages = ["/", "/articles", "/entities", "/events", "/storylines", "/search?q=خبر", "/search?q=الوزير",
             "/?source=" + articles[0]["source"], "/stories/" + XSS[0], "/?from=" + XSS[1], "/search?q=" + XSS[2]]
    pages += [f"/articles/{a['id']}" for a in articles] + [f"/stories/{s}" for s in stories]
    pages += [f"/entities/{e}" for e in entities]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        assert_secure(response.headers, path)
        assert_inert(response.text, path)
    print(f"{len(pages)} pages checked")
    links = 0
    for article in articles:  # a stored URL is a link exactly when it is http(s)
        html = client.get(f"/articles/{article['id']}").text
        parser = Links()
        parser.feed(html)
        outside = [u for u in parser.urls if not u.startswith("/")]
        if article["url"] in SAFE_URLS:
            assert outside == [article["url"]]
            links += 1
        else:
            assert outside == [], (article["url"], outside)
            assert "الأصل:" in html  # shown as text instead
    assert links == len(SAFE_URLS)


def test_json_twins_carry_hostile_text_as_data(client: TestClient) -> None:
    article = client.get("/api/articles?limit=1").json()["articles"][0]
    for path in (f"/articles/{article['id']}.json", f"/api/articles/{article['id']}", "/.json", "/search.json?q=خبر"):
        response = client.get(path)
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get(f"/api/articles/{article['id']}").json()["article"]["url"] in URLS


def _expect_answer(response, where: str) -> None:
    """A 2xx or 4xx from the app, with its JSON error shape; never a 500."""
    assert response.status_code in (200, 400, 404, 422), (where, response.status_code, response.text[:300])
    assert_secure(response.headers, where)
    if response.status_code != 200 and response.headers["content-type"] == "application/json":
        error = response.json()["error"]
        assert error["status"] == response.status_code and error["message"]


VALUES = st.one_of(st.sampled_from(SQLISH), st.text(max_size=40),
                   st.lists(st.sampled_from(SQLISH + ["ترمب", "المياه", "x"]), min_size=2, max_size=6).map(" ".join),
                   st.integers(min_value=-10**30, max_value=10**30).map(str))


def test_any_query_parameter_gets_an_answer(client: TestClient) -> None:
    tried = []

    @settings(max_examples=400, derandomize=True, database=None, deadline=None)
    @given(page=st.sampled_from(LIST_PAGES), params=st.dictionaries(st.sampled_from(PARAMS), VALUES, min_size=1, max_size=4))
    def one(page: str, params: dict[str, str]) -> None:
        tried.append(page)
        _expect_answer(client.get(page, params=params), f"{page} {params!r}")

    one()
    print(f"{len(tried)} generated requests")
    assert len(tried) >= 400


ABSURD = ["offset=1000000000", "offset=1000000001", "offset=-1", "offset=99999999999999999999999", "offset=1.5",
          "limit=0", "limit=201", "limit=-5", "limit=1e3", "limit=", "from=0001-01-01", "to=9999-12-31",
          "from=2024-13-45", "from=99999-01-01", "to=-2024-01-01", "from=2024-02-30", "from=", "to=2025-01-01T00:00",
          "from=9999-12-31&to=0001-01-01", "q=ترمب&offset=1000000000", "q=المياه&limit=100&offset=999999999"]


@pytest.mark.parametrize("query", ABSURD)
def test_absurd_pages_offsets_and_dates(client: TestClient, query: str) -> None:
    for page in LIST_PAGES:
        _expect_answer(client.get(f"{page}?{query}"), f"{page}?{query}")


@pytest.fixture(scope="module")
def port(hostile_db):
    with running(create_app(hostile_db)) as base:
        yield int(base.rsplit(":", 1)[1])


class Raw:
    """One GET sent as is to the real server (no client-side normalising of .. or %2f, no URL
    length cap), in pieces with pauses between them, as a network delivers a long request."""

    def __init__(self, port: int, target: str) -> None:
        request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            for i in range(0, len(request), 16_384):
                sock.sendall(request[i:i + 16_384])
                time.sleep(0.002)
            response = http.client.HTTPResponse(sock)
            response.begin()
            self.status_code = response.status
            self.headers = {k.lower(): v for k, v in response.getheaders()}
            self.text = response.read().decode("utf-8", "replace")

    def json(self):
        return json.loads(self.text)


@pytest.mark.parametrize("param", PARAMS + ["unknown"])
def test_100_kb_query_strings(port: int, param: str) -> None:
    for value in ("ب" * 16_700, "a" * 100_000, "' OR 1=1 -- " * 6_300):  # each about 100 KB once encoded
        for page in ("/", "/api/search", "/articles", "/events", "/entities"):
            query = urlencode({param: value})
            assert 100_000 <= len(query) < 110_000
            _expect_answer(Raw(port, f"{page}?{query}"), f"{page} {param}=<{len(value)} chars>")


def test_100_kb_of_parameters(port: int) -> None:
    query = "&".join([f"{p}=x" for p in PARAMS] * 1200)
    assert len(query) > 100_000
    for page in LIST_PAGES:
        _expect_answer(Raw(port, f"{page}?{query}"), f"{page} with {len(query)} bytes of parameters")


TRAVERSAL = ["/static/../../../../etc/passwd", "/static/..%2f..%2f..%2f..%2fetc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
             "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static/....//....//etc/passwd",
             "/static/swagger/../../../../../etc/passwd", "/static/swagger/..%2f..%2f..%2f..%2fetc%2fpasswd",
             "/static/..\\..\\..\\etc\\passwd", "/static//etc/passwd", "/static/rasd.css%00.txt",
             "/static/%252e%252e/%252e%252e/etc/passwd", "/articles/..%2F..", "/articles/../../etc/passwd",
             "/stories/..%2f..%2f..%2fetc%2fpasswd", "/entities/%2e%2e", "/api/storylines/..%2F..%2Fsettings.py",
             "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd.json"]


@pytest.mark.parametrize("path", TRAVERSAL)
def test_path_traversal_through_a_real_server(port: int, path: str) -> None:
    answer = Raw(port, path)
    assert answer.status_code == 404, (path, answer.status_code)
    assert "root:" not in answer.text and "SCHEMA_VERSION" not in answer.text
    assert_secure(answer.headers, path)


PATHS = ["/", "/api/stories", "/stories/x", "/search?q=a", "/articles", "/static/rasd.css", "/static/swagger/swagger-ui.css",
         "/docs", "/openapi.json", "/.json", "/no-such-page"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_other_methods_are_405(client: TestClient, method: str) -> None:
    for path in PATHS[:-1]:
        response = client.request(method, path)
        assert response.status_code == 405, (method, path, response.status_code)
        assert_secure(response.headers, f"{method} {path}")


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    for path in PATHS:
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code and head.status_code in (200, 404), path
        assert head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"], path
        assert_secure(head.headers, f"HEAD {path}")


def test_security_headers_on_every_kind_of_answer(client: TestClient) -> None:
    answers = [client.get(p) for p in PATHS] + [client.get("/api/stories?limit=0"), client.get("/?from=x"),
                                                client.post("/"), client.head("/no-such-page")]
    assert {a.status_code for a in answers} >= {200, 400, 404, 405, 422}
    for answer in answers:
        assert_secure(answer.headers, f"{answer.request.method} {answer.request.url}")
    docs = client.get("/docs").headers["content-security-policy"]
    assert "script-src 'self';" in docs and "'unsafe-inline'" not in docs.split("script-src")[1].split(";")[0]
