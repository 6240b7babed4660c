"""Property-based fuzzing of what works on a page once read: the HTML extractor, the
line classifier and the segmenter. Whatever the page, each step gives back records
that are articles or failures with a reason, and the segmenter never makes up text.
"""

from __future__ import annotations

import os
import signal

import pytest
from conftest import make_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.clean import Segmenter
from rasd.clean.lines import Kind, Line, classify
from rasd.extractors import HtmlExtractor
from rasd.record import Article
from rasd.settings import Settings

# RASD_FUZZ_EXAMPLES=2000 for a longer run (docs/RELIABILITY.md); the suite's default is fast.
EXAMPLES = int(os.environ.get("RASD_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SMALL = Settings(max_html_elements=2000, max_html_depth=48)  # limits reached by cheap examples

SENTENCES = [
    "افتتحت الوزارة مستشفى جديدا للأطفال في الضاحية الغربية.",
    "وقال الطبيب المناوب إن القسم يستقبل المرضى على مدار الساعة.",
    "أمطار غزيرة تغلق طريق الساحل",  # a headline: no final stop
    "(واس)",
    "اقرأ أيضا:",
    "الأحد 12 مايو 2024",
]
TRICKY = list("\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
              "\u200b\u200c\u200d\u2060\ufeff\u0640\ufdfa\u064b\u0651\u2028\u2029\x85\x0b\r\t\x00")
WORDS = ["المدينة", "Paris", "Москва", "東京", "٢٠٢٤", "«الفرنسية»", "🙂", "e\u0301", ".", "؟", "…", "(", ")"]

piece = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(WORDS), st.sampled_from(TRICKY),
                  st.just("\n"), st.just("\n\n\n"), st.text(max_size=15))
page_text = st.one_of(
    st.lists(piece, max_size=80).map("".join),
    st.tuples(st.sampled_from(SENTENCES + WORDS + TRICKY + ["\n"]), st.integers(1, 20_000)).map(
        lambda pair: pair[0] * pair[1]),  # huge lines, or a great many short ones
)


@pytest.fixture(autouse=True)
def no_hang():
    """A test running far longer than its examples take is a hang: fail it instead of waiting forever."""
    seconds = max(60, EXAMPLES // 3)
    def stop(*_):
        raise TimeoutError(f"fuzz test ran over {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def html_tree(depth: int):
    """Random markup: real and made-up tags, attributes, unclosed tags, comments, scripts."""
    tag = st.sampled_from(["div", "p", "span", "article", "table", "td", "li", "script", "style", "a", "x-y", "br"])
    leaf = st.one_of(page_text.map(lambda t: t.replace("<", "&lt;")), st.just("<!-- تعليق -->"),
                     st.just("<![CDATA[x]]>"), st.just("<p>"), st.just("</div>"), st.just("<"))
    if depth == 0:
        return leaf
    return st.one_of(leaf, st.tuples(tag, st.lists(html_tree(depth - 1), max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]} class='c' dir='rtl'>" + "".join(t[1]) + (f"</{t[0]}>" if t[2] else "")))


deep = st.tuples(st.sampled_from(["div", "b", "table", "li"]), st.integers(1, 300), st.booleans()).map(
    lambda t: "<html><body>" + f"<{t[0]}>" * t[1] + "<p>" + SENTENCES[0] + "</p>" + (f"</{t[0]}>" * t[1] if t[2] else ""))
wide = st.tuples(st.sampled_from(["<p>ن</p>", "<span>", "<br>", "<a href=x>"]), st.integers(1, 3000)).map(
    lambda t: "<html><body>" + t[0] * t[1] + "<p>" + SENTENCES[0] + "</p></body></html>")
html_page = st.one_of(html_tree(4).map(lambda body: f"<html><head><title>عنوان</title></head><body>{body}</body></html>"),
                      html_tree(3), deep, wide, st.text(max_size=300))


def assert_sound(records: list[Article]) -> None:
    assert records
    for record in records:
        assert record.failed and record.error.strip() or not record.failed and isinstance(record.text, str)
        for value in (record.text, record.title, record.error, record.source, record.url):
            if value is not None:
                value.encode("utf-8")


@FUZZ
@given(html_page, st.sampled_from([SMALL, Settings()]))
def test_html_extractor(html, limits):
    [record] = HtmlExtractor(limits).run([Article(page="p", path="p.html", html=html)])
    assert_sound([record])
    assert record.html is None  # extracted or failed, the HTML never goes on


@FUZZ
@given(st.sampled_from(["div", "span", "section"]), st.integers(1, 3000), st.integers(1, 80))
def test_html_limits_fail_exactly_the_pages_over_them(tag, width, depth):
    """`width` siblings, and one chain `depth` deep: elements = 2 + width + depth + 1 (the p),
    deepest level = 2 + depth + 1 (html, body, the chain, the p)."""
    html = ("<html><body>" + f"<{tag}>x</{tag}>" * width + f"<{tag}>" * depth + "<p>" + SENTENCES[0] + "</p>"
            + f"</{tag}>" * depth + "</body></html>")
    [record] = HtmlExtractor(SMALL).run([Article(page="p", path="p.html", html=html)])
    too_many = 2 + width + depth + 1 > SMALL.max_html_elements
    too_deep = 2 + depth + 1 >= SMALL.max_html_depth
    assert ("max_html_elements" in (record.error or "")) == too_many
    assert ("max_html_depth" in (record.error or "")) == (too_deep and not too_many)
    if not too_many and not too_deep:
        assert not record.failed and SENTENCES[0] in record.text


@FUZZ
@given(st.text(max_size=300) | st.lists(piece, max_size=30).map("".join))
def test_line_classifier(raw):
    line = classify(raw)
    assert isinstance(line, Line) and isinstance(line.kind, Kind)
    assert line.text == raw.strip() and (line.kind is Kind.BLANK) == (not line.norm)


@FUZZ
@given(page_text, st.one_of(st.none(), st.text(max_size=40)))
def test_segmenter_makes_no_text_up(text, title):
    records = list(Segmenter().run([make_article(text, title=title)]))
    assert_sound(records)
    lines = {raw.strip() for raw in text.splitlines()}
    for article in records:
        if not article.failed:
            assert set(article.text.split("\n\n")) <= lines
