from rasd.arabic.text import dateline, sentences

TEXT = "قال د. محمد إن النمو بلغ 4.5 في المئة. وأضاف: «سنواصل. ولن نتراجع». هل هذا صحيح؟ نعم (أ.ف.ب).\n\nفقرة ثانية بلا نقطة"


def test_sentences_keep_abbreviations_numbers_and_quotes_whole():
    assert [TEXT[s:e] for s, e in sentences(TEXT)] == [
        "قال د. محمد إن النمو بلغ 4.5 في المئة.",
        "وأضاف: «سنواصل. ولن نتراجع».",
        "هل هذا صحيح؟",
        "نعم (أ.ف.ب).",
        "فقرة ثانية بلا نقطة",
    ]


def test_dateline_place_and_where_the_story_starts():
    for text, place, rest in [
        ("هلسنكي - (المرصد) - عقد الرئيس", "هلسنكي", "عقد الرئيس"),
        ("سوتشي (الساحل) - أجرى وزير", "سوتشي", "أجرى وزير"),
        ("عمّان - (الرائد) - أعلن", "عمّان", "أعلن"),
        ("الرياض – واس – أعلن", "الرياض", "أعلن"),
        ("سيول - أعلنت الحكومة", "سيول", "أعلنت الحكومة"),
        ("الرياض – 2025-02-19", "الرياض", "2025-02-19"),  # a date is not an agency
    ]:
        end, found = dateline(text)
        assert (found, text[end:]) == (place, rest)
    assert dateline("تقدم إسرائيل اليوم (الجمعة) ردها") is None
    assert dateline("أعلن الرئيس اليوم أن - كذا") is None
