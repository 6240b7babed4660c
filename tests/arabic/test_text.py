from rasd.arabic.text import sentences, stems

TEXT = "قال د. محمد إن النمو بلغ 4.5 في المئة. وأضاف: «سنواصل. ولن نتراجع». هل هذا صحيح؟ نعم (أ.ف.ب).\n\nفقرة ثانية بلا نقطة"


def test_sentences_keep_abbreviations_numbers_and_quotes_whole():
    assert [TEXT[s:e] for s, e in sentences(TEXT)] == [
        "قال د. محمد إن النمو بلغ 4.5 في المئة.",
        "وأضاف: «سنواصل. ولن نتراجع».",
        "هل هذا صحيح؟",
        "نعم (أ.ف.ب).",
        "فقرة ثانية بلا نقطة",
    ]


def test_stems_list_clitic_candidates_longest_first():
    assert stems("والرئيس") == ["والرييس", "الرييس", "رييس"]
    assert stems("للرئيس") == ["للرييس", "الرييس", "رييس"]
    assert stems("لبوتين") == ["لبوتين", "بوتين"]
    assert stems("وبموسكو") == ["وبموسكو", "بموسكو", "موسكو"]
    assert stems("وال") == ["وال"]  # too short to hold a clitic and a word
