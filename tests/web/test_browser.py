"""The web app in a real headless Chromium (Debian's chromium and chromium-driver, which
.ci/run installs): right to left, story pages, spelling-blind search, inert hostile text."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from urllib.parse import quote
from urllib.request import urlopen

import pytest
import uvicorn

from rasd.web import create_app
from web_store import web_db  # noqa: F401 - a fixture

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
if os.environ.get("CI") and not (CHROMIUM and DRIVER):  # CI installs them: their absence is a failure there
    raise RuntimeError("CI without chromium and chromedriver: .ci/run should have installed them")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs Debian's chromium and chromium-driver")


@pytest.fixture(scope="module")
def base_url(web_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,1200"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _open(browser, url: str):
    from selenium.webdriver.common.by import By

    browser.get(url)
    return lambda css: browser.find_elements(By.CSS_SELECTOR, css)


def test_timeline_renders_right_to_left(browser, base_url) -> None:
    find = _open(browser, base_url + "/")
    assert browser.execute_script("return document.documentElement.dir") == "rtl"
    assert browser.execute_script("return getComputedStyle(document.body).direction") == "rtl"
    titles = [e.text for e in find("li.story h3 a")]
    assert any("اليرموك" in t for t in titles) and len(titles) >= 5
    # right to left: a story's title starts at the right edge of its column
    first = find("li.story h3")[0]
    box = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.right];", first)
    link = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.right];",
                                  find("li.story h3 a")[0])
    assert abs(link[1] - box[1]) < 2 and link[0] > box[0] - 1


def test_story_page_shows_its_articles(browser, base_url) -> None:
    with urlopen(base_url + "/api/stories?limit=200") as response:
        meeting = next(s for s in json.load(response)["stories"] if len(s["article_ids"]) == 3)
    find = _open(browser, base_url + "/")
    next(a for a in find("li.story h3 a") if a.get_attribute("href").endswith(meeting["id"])).click()
    assert browser.current_url.endswith("/stories/" + meeting["id"])
    articles = find("ul.articles li a")
    assert len(articles) == 3  # w1, w2 and the republished w2b
    assert {"وكالة الشمال للأنباء", "موقع الضفة"} <= {e.text.split(" · ")[0] for e in find("ul.articles li .meta")}
    assert find("p.summary") and find("p.summary")[0].text


def test_search_finds_tramp_when_asked_trmb(browser, base_url) -> None:
    find = _open(browser, base_url + "/search?q=" + quote("ترمب"))
    titles = [e.text for e in find("ol.results h3 a")]
    assert any("ترامب" in t and "ترمب" not in t for t in titles), titles
    assert find("ol.results mark")


def test_hostile_article_text_stays_inert(browser, base_url) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    find = _open(browser, base_url + "/search?q=" + quote("شيفرة"))
    article_url = find("ol.results h3 a")[0].get_attribute("href")
    for url in (article_url, base_url + "/", base_url + "/search?q=" + quote("عدائيا"), base_url + "/articles"):
        find = _open(browser, url)
        assert browser.execute_script("return window.__pwned === undefined"), url
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018
    find = _open(browser, article_url)
    assert "<script>window.__pwned = 1</script>" in find("h1")[0].text
    assert '<img src=x onerror="window.__pwned = 4">' in find("div.body")[0].text
