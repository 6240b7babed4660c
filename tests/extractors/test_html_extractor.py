import pytest

from rasd.extractors import HtmlExtractor
from rasd.extractors.html import NO_TEXT
from rasd.record import Article

TITLE = "البلدية تبدأ صيانة الطريق الدائري الشمالي"
PARAGRAPHS = [
    "أعلنت بلدية المدينة صباح اليوم بدء أعمال صيانة الطريق الدائري الشمالي التي تستمر ستة أسابيع.",
    "وقال رئيس البلدية في مؤتمر صحفي إن الأعمال ستجري ليلا لتخفيف الازدحام على السائقين.",
    "وأضاف أن كلفة المشروع تبلغ نحو أربعة ملايين دينار تمولها الخزينة العامة بالكامل.",
    "ودعت إدارة السير المواطنين إلى استخدام الطرق البديلة خلال ساعات العمل المعلنة.",
    "ويتضمن المشروع أيضا تركيب إنارة جديدة موفرة للطاقة وممرات آمنة للمشاة قرب المدارس.",
]
NAV = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>قسم {name}</a></li>" for i, name in
                            enumerate(["محليات", "اقتصاد", "رياضة", "ثقافة"])) + "</ul></nav>"
FOOTER = "<footer><p>جميع الحقوق محفوظة لجريدة المساء © 2024</p></footer>"
COMMENTS = "<div class='comments'><h3>التعليقات</h3><p>تعليق من قارئ: متى ينتهي العمل في الطريق؟</p></div>"


def page(head: str = "", dated: str = "", paragraphs: list[str] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{TITLE} | المساء</title>'
            f"{head}</head><body>{NAV}<main><article><h1>{TITLE}</h1>{dated}{body}</article>{COMMENTS}</main>"
            f"{FOOTER}</body></html>")


OG = ('<meta property="og:title" content="' + TITLE + '">'
      '<meta property="og:site_name" content="جريدة المساء">'
      '<meta property="og:url" content="https://almasaa.example/local/road-works">'
      '<meta property="article:published_time" content="2024-03-05T08:30:00+03:00">')


def extract(html: str, **fields) -> Article:
    [article] = HtmlExtractor().run([Article(page="p", path="p.html", html=html, **fields)])
    return article


def test_main_text_without_boilerplate():
    article = extract(page(OG))
    assert not article.failed
    assert article.html is None
    lines = article.text.split("\n")
    assert lines[-len(PARAGRAPHS):] == PARAGRAPHS  # one paragraph a line
    for chrome in ("محليات", "جميع الحقوق محفوظة", "تعليق من قارئ"):
        assert chrome not in article.text


def test_metadata_from_open_graph_and_article_meta():
    article = extract(page(OG))
    assert article.title == TITLE
    assert article.source == "جريدة المساء"
    assert article.url == "https://almasaa.example/local/road-works"
    assert article.published == "2024-03-05"
    assert article.meta["published_from"] == "html"


def test_date_from_time_element():
    article = extract(page(dated='<time datetime="2023-11-20T10:00:00">٢٠ تشرين الثاني ٢٠٢٣</time>'))
    assert article.published == "2023-11-20"
    assert article.meta["published_from"] == "html"


def test_no_date_on_the_page_means_none():
    article = extract(page())
    assert not article.failed
    assert article.published is None
    assert "published_from" not in article.meta


def test_record_fields_win_over_the_page():
    article = extract(page(OG), title="عنوان من المدخلات", source="وكالة الأنباء", url="https://agency.example/1",
                      published="2024-03-04", meta={"published_from": "input"})
    assert (article.title, article.source, article.url) == ("عنوان من المدخلات", "وكالة الأنباء",
                                                            "https://agency.example/1")
    assert article.published == "2024-03-04" and article.meta["published_from"] == "input"


def test_host_name_is_not_taken_for_a_site_name():
    # trafilatura falls back to the URL's host; that must not beat a --source fallback.
    article = extract(page(), url="https://www.almasaa.example/local/road-works")
    assert article.source is None


@pytest.mark.parametrize("cut", [60, 200, 330])
def test_truncated_html_fails_with_a_reason(cut):
    html = page(OG)[:cut]  # cut off inside the head: no body at all
    assert "<body" not in html
    article = extract(html)
    assert article.failed and article.error == NO_TEXT
    assert article.html is None


def test_input_text_is_kept_when_the_html_has_none():
    article = extract(page(OG)[:200], text="نص المقال كما ورد في المدخلات.")
    assert not article.failed
    assert article.text == "نص المقال كما ورد في المدخلات."
    assert article.meta["warnings"] == [f"{NO_TEXT}; kept the input's text"]


def test_failed_and_text_records_pass_through():
    failed = Article(page="a", path="a.html", html="<p>x</p>", error="empty page")
    text = Article(page="b", path="b.txt", text="نص")
    assert list(HtmlExtractor().run([failed, text])) == [failed, text]
    assert failed.html == "<p>x</p>"  # untouched
