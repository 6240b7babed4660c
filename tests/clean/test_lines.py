import pytest

from rasd.clean.lines import Kind, classify


@pytest.mark.parametrize(
    "line, kind",
    [
        ("", Kind.BLANK),
        ("TT", Kind.CHROME),
        ("Site icon الشرق اليوم", Kind.CHROME),
        ("Exit mobile version", Kind.CHROME),
        ("تفاصيل الخبر", Kind.CHROME),
        ("شارك", Kind.CHROME),
        ("* * *", Kind.CHROME),
        ("قراءة المزيد", Kind.MARKER),
        ("اقرأ أيضاً", Kind.MARKER),
        ("الخميس 12 مارس 2020", Kind.DATE),
        ("14/07/2023", Kind.DATE),
        ("وزير الخارجية يصافح نظيره قبيل بدء الاجتماع في الرياض (رويترز)", Kind.CAPTION),
        ("لقطة عامة لقاعة المؤتمر صباح اليوم (أ.ف.ب)", Kind.CAPTION),
        ("جانب من الاجتماع الوزاري في العاصمة العمانية مسقط", Kind.CAPTION),
        ("الحكومة تقر خطة جديدة لدعم المزارعين في المحافظات الجنوبية", Kind.HEADING),
        ("وقال الوزير إن الخطة «ستبدأ مطلع العام المقبل».", Kind.PARAGRAPH),
    ],
)
def test_line_kinds(line, kind):
    assert classify(line).kind is kind


def test_sentence_ending_with_agency_credit_in_body_is_not_a_caption():
    line = classify("وأعلنت الوزارة أن الاجتماع سيعقد الأسبوع المقبل في جدة. (واس)")
    assert line.kind is Kind.PARAGRAPH


def test_cut_off_snippet_is_incomplete():
    assert not classify("وقال المتحدث باسم الوزارة إن الوفد سيصل غداً إلى العاصمة لبحث الملفات العالقة،").complete
    assert classify("وقال المتحدث إن الوفد سيصل غداً.").complete
