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


RELAYED = (
    "ونقلت وكالة «الأفق» للأنباء عن سالم الهاشمي، رئيس اتحاد الصيادين، قوله إن الموسم تأخر أسبوعين. "
    "وقال مسؤول في الميناء لـ«صدى الخليج»: «السفن عادت كلها قبل العاصفة». "
    "وأكد لـ«صدى الخليج» أن الأضرار في الأرصفة طفيفة. "
    "«سنعوض المتضررين خلال شهر»، بحسب ما نقلت صحيفة النهار الجديد عن وزيرة الزراعة. "
    "وأفادت إذاعة المدينة نقلا عن شهود عيان أن الأمواج بلغت ثلاثة أمتار. "
    "وكانت صحيفة «المرسى» قد نشرت صوراً للقوارب. "
    "وقال لي صاحب مركب قديم: «لم أر مثل هذا منذ عشرين عاماً»."
)


def relayed():
    return {q.text: q for q in find_quotes(RELAYED)}


def test_agency_relays_a_named_speaker():
    q = relayed()["الموسم تأخر أسبوعين"]
    assert q.speaker == "سالم الهاشمي" and q.via == "وكالة الأفق للأنباء"
    assert RELAYED[q.speaker_start:q.speaker_end] == "سالم الهاشمي"


def test_statement_to_an_outlet_keeps_the_speaker():
    q = relayed()["السفن عادت كلها قبل العاصفة"]
    assert q.speaker in ("مسؤول في الميناء", "مسؤول")
    assert q.via == "صدى الخليج"


def test_outlet_alone_after_the_verb_is_not_the_speaker():
    q = relayed()["الأضرار في الأرصفة طفيفة"]
    assert q.via == "صدى الخليج" and q.speaker in ("مسؤول في الميناء", "مسؤول")  # the last one named


def test_as_relayed_after_the_quote():
    q = relayed()["سنعوض المتضررين خلال شهر"]
    assert q.speaker == "وزيرة الزراعة" and q.via == "صحيفة النهار الجديد"


def test_citing_sources_through_a_broadcaster():
    q = relayed()["الأمواج بلغت ثلاثة أمتار"]
    assert q.speaker == "شهود عيان" and q.via == "إذاعة المدينة"


def test_a_name_in_quote_marks_is_not_a_quote_and_an_addressee_not_a_speaker():
    found = relayed()
    assert "المرسى" not in found and "الأفق" not in found and "صدى الخليج" not in found
    assert found["لم أر مثل هذا منذ عشرين عاماً"].speaker not in ("لي", "لي صاحب مركب قديم")


def test_a_named_speaker_does_not_run_on_to_the_person_his_words_are_about():
    text = "وقال الوزير سامر الخطيب في تصريح عقب الجلسة إن الرئيس نبيل حداد «حريص على إنهاء الخلاف بسرعة»."
    mentions = [{"text": n, "start": text.index(n), "end": text.index(n) + len(n), "type": "PER"}
                for n in ("سامر الخطيب", "نبيل حداد")]
    [q] = find_quotes(text, mentions)
    assert q.speaker in ("الوزير سامر الخطيب", "سامر الخطيب")
