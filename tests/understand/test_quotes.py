from rasd.understand.quotes import find_quotes

TEXT = (
    "أعلن الكرملين، أمس، أن المحادثات مع الوفد الأميركي انتهت. "
    "وقال يوري أوشاكوف، مساعد الرئيس الروسي، إن «الحوار كان صريحاً وبناءً». "
    "وأضاف: «لم نتوصل بعد إلى تسوية، لكن الأبواب ما زالت مفتوحة». "
    "من جهتها، قالت المتحدثة باسم الخارجية الروسية إن موسكو ترحب بأي مبادرة جادة لإنهاء الحرب. "
    "“نحن مستعدون لمواصلة العمل”، قال المبعوث الأميركي للصحافيين. "
    "ووصف الوزير المحادثات بأنها «مفيدة جداً». "
    "وانتشرت صور الاجتماع على منصة «إكس» بسرعة."
)


def by_text():
    return {q.text: q for q in find_quotes(TEXT)}


def test_reported_speech_with_organisation_speaker():
    q = by_text()["المحادثات مع الوفد الأميركي انتهت"]
    assert q.speaker == "الكرملين" and not q.direct
    assert TEXT[q.speaker_start:q.speaker_end] == "الكرملين"


def test_direct_quote_after_speaker_with_apposition():
    q = by_text()["الحوار كان صريحاً وبناءً"]
    assert q.speaker == "يوري أوشاكوف" and q.direct


def test_continuation_verb_keeps_the_last_speaker():
    q = by_text()["لم نتوصل بعد إلى تسوية، لكن الأبواب ما زالت مفتوحة"]
    assert q.speaker == "يوري أوشاكوف"


def test_speaker_given_by_role():
    q = by_text()["موسكو ترحب بأي مبادرة جادة لإنهاء الحرب"]
    assert q.speaker == "المتحدثة باسم الخارجية الروسية" and not q.direct


def test_speaker_after_the_quote():
    q = by_text()["نحن مستعدون لمواصلة العمل"]
    assert q.speaker == "المبعوث الأميركي"


def test_describe_takes_the_subject():
    q = by_text()["مفيدة جداً"]
    assert q.speaker == "الوزير"


def test_a_name_in_quote_marks_is_not_a_quote():
    assert "إكس" not in by_text()


def test_offsets_point_at_the_quoted_words():
    for q in find_quotes(TEXT):
        assert TEXT[q.start:q.end] == q.text
