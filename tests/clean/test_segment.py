import json

import pytest

from conftest import FIXTURES, make_article
from rasd.clean import Segmenter, SiteChrome

PAGES = sorted(FIXTURES.glob("pages/*.txt"))

SCRAPED = """Site icon بوابة المدينة
الحكومة تقر خطة جديدة لدعم المزارعين في المحافظات الجنوبية
الحكومة تقر خطة جديدة لدعم المزارعين في المحافظات الجنوبية
مزارعون في حقل قمح قرب مدينة الكرك (أ.ف.ب)
مزارعون في حقل قمح قرب مدينة الكرك (أ.ف.ب)
TT
الأحد 9 أبريل 2023

أقرت الحكومة في جلستها الأسبوعية، أمس السبت، خطة لدعم المزارعين في المحافظات الجنوبية تشمل قروضاً ميسرة وإعفاءات من رسوم المياه لمدة عامين.
وقال وزير الزراعة في مؤتمر صحفي إن الخطة «تستهدف أكثر من عشرين ألف أسرة ريفية»، مضيفاً أن التمويل سيبدأ مطلع الشهر المقبل.
وقال وزير الزراعة في مؤتمر صحفي إن الخطة «تستهدف أكثر من عشرين ألف أسرة ريفية»، مضيفاً أن التمويل سيبدأ مطلع الشهر المقبل.
ردود الفعل
ورحبت نقابة المزارعين بالقرار، لكنها طالبت بتوسيع الخطة لتشمل مربي المواشي الذين تضرروا من موجة الجفاف الأخيرة.
شارك

قراءة المزيد

ارتفاع أسعار الأعلاف يثقل كاهل مربي الماشية
ارتفاع أسعار الأعلاف يثقل كاهل مربي الماشية
اشتكى مربو الماشية في عدد من القرى من ارتفاع أسعار الأعلاف للمرة الثالثة هذا العام، وقالوا إن

مهرجان للتمور في العقبة يجذب آلاف الزوار
مهرجان للتمور في العقبة يجذب آلاف الزوار
افتتح محافظ العقبة مهرجان التمور السنوي بمشاركة أكثر من مئة منتج محلي،
Exit mobile version
"""


def test_scraped_page_keeps_only_the_article():
    [article] = list(Segmenter().run([make_article(SCRAPED, source="بوابة المدينة")]))
    assert article.title == "الحكومة تقر خطة جديدة لدعم المزارعين في المحافظات الجنوبية"
    assert article.published == "2023-04-09"
    assert article.meta["published_from"] == "page"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("أقرت الحكومة")
    assert paragraphs[-1].startswith("ورحبت نقابة المزارعين")
    assert "ردود الفعل" in paragraphs  # a subheading stays in its article
    assert sum("تستهدف أكثر من عشرين ألف" in p for p in paragraphs) == 1  # printed twice, kept once
    for junk in ("(أ.ف.ب)", "TT", "Site icon", "شارك", "قراءة المزيد", "الأعلاف", "التمور", "Exit mobile"):
        assert junk not in article.text
    assert article.meta["teasers_dropped"] == 2


def test_original_characters_are_kept():
    text = "وزير الخارجيّة يزور الرياض\n\nوصل وزيرُ الخارجيّة الأميركيّ إلى الرياض، أمس، في زيارةٍ تستغرق يومين «لبحث ملفات المنطقة»."
    [article] = list(Segmenter().run([make_article(text)]))
    assert article.text == text.split("\n\n")[1]
    assert article.title == "وزير الخارجيّة يزور الرياض"


def test_input_date_wins_over_page_date_and_fallbacks_apply_last():
    page = make_article(SCRAPED, published="2023-04-10")
    [article] = list(Segmenter().run([page]))
    assert article.published == "2023-04-10" and article.meta["published_from"] == "input"
    undated = "عنوان\n\nأقرت الحكومة خطة جديدة لدعم المزارعين في المحافظات الجنوبية تشمل قروضاً ميسرة."
    [warc] = list(Segmenter().run([make_article(undated, meta={"warc_date": "2022-01-02", "fallback_published": "2020-01-01"})]))
    assert warc.published == "2022-01-02" and warc.meta["published_from"] == "warc-date"
    [cli] = list(Segmenter().run([make_article(undated, meta={"fallback_published": "2020-01-01"})]))
    assert cli.published == "2020-01-01"
    [none] = list(Segmenter().run([make_article(undated)]))
    assert none.published is None


def test_source_fallbacks():
    text = "عنوان\n\nأقرت الحكومة خطة جديدة لدعم المزارعين في المحافظات الجنوبية تشمل قروضاً ميسرة."
    [a] = list(Segmenter().run([make_article(text, url="https://www.example-news.com/a/1")]))
    assert a.source == "example-news.com"
    [b] = list(Segmenter().run([make_article(text, meta={"fallback_source": "بوابة"}, url="https://x.org/")]))
    assert b.source == "بوابة"


def test_only_boilerplate_fails_with_reason():
    [page] = list(Segmenter().run([make_article("TT\nشارك\nExit mobile version\n")]))
    assert page.failed and "boilerplate" in page.error


def test_ids_are_stable_and_distinct():
    text = SCRAPED.split("قراءة المزيد")[0] + (
        "\n\n\nالبلدية تفتتح حديقة عامة في الحي الشرقي\n\n"
        "أعلنت البلدية افتتاح حديقة عامة جديدة في الحي الشرقي بمساحة عشرة آلاف متر مربع."
    )
    first = list(Segmenter().run([make_article(text)]))
    second = list(Segmenter().run([make_article(text)]))
    assert [a.id for a in first] == [a.id for a in second]
    assert len({a.id for a in first}) == len(first) == 2
    assert [a.page_index for a in first] == [0, 1]


def test_lines_repeated_across_pages_of_a_source_become_chrome():
    segmenter = Segmenter()
    site = SiteChrome()
    body = "أقرت الحكومة خطة جديدة لدعم المزارعين في المحافظات الجنوبية تشمل قروضاً ميسرة وإعفاءات."
    pages = [
        make_article(f"النشرة الصباحية من بوابة المدينة\nعنوان الخبر رقم {i}\n\n{body} الرقم {i}.", page=f"p{i}", source="بوابة")
        for i in range(4)
    ]
    out = list(segmenter.run(site.run(pages)))
    assert out[0].title == "النشرة الصباحية من بوابة المدينة"  # not yet known as chrome
    assert out[3].title == "عنوان الخبر رقم 3"


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_handwritten_pages(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    articles = list(Segmenter().run([make_article(path.read_text("utf-8"), page=path.stem)]))
    assert not any(a.failed for a in articles)
    assert len(articles) == len(expected["articles"])
    for article, want in zip(articles, expected["articles"]):
        paragraphs = article.text.split("\n\n")
        assert article.title == want["title"]
        assert paragraphs[0].startswith(want["first_paragraph_starts"])
        assert paragraphs[-1].endswith(want["last_paragraph_ends"])
        assert len(paragraphs) == want["paragraphs"]
        for junk in want["must_not_contain"]:
            assert junk not in article.text
    if expected.get("published"):
        assert articles[0].published == expected["published"]


def test_site_name_printed_on_the_page_is_the_source():
    [a] = list(Segmenter().run([make_article(SCRAPED, meta={"fallback_source": "من سطر الأوامر"})]))
    assert a.source == "بوابة المدينة"


def test_given_title_wins_over_a_leftover_heading():
    text = "الرئيسية\nأخبار محلية\n\n" + SCRAPED.split("TT")[1].split("قراءة المزيد")[0]
    title = "الحكومة تقر خطة جديدة لدعم المزارعين في المحافظات الجنوبية"
    [a] = list(Segmenter().run([make_article(text, title=title)]))
    assert a.title == title
    assert "الرئيسية" not in a.text and "أخبار محلية" not in a.text


def test_a_page_holding_one_short_item_keeps_it():
    text = "مزارعون يغلقون الطرق بالجرارات احتجاجاً على خفض أسعار الحليب في شمال البلاد «الفرنسية»"
    [a] = list(Segmenter().run([make_article("احتجاج المزارعين\n" + text)]))
    assert not a.failed and a.text == text and a.title == "احتجاج المزارعين"
