"""Event extraction on hand-placed mentions and dates (the tagger is tested on its own).
All Arabic sentences here are original writing for Rasd."""

from __future__ import annotations

import re

from conftest import make_article
from rasd.stories.events import EventFinder, find_events, merge_events, same_event


def article(text: str, mentions: list[tuple[str, str, str]], dates: list[tuple[str, str]] = (),
            published: str | None = "2024-03-13", page: str = "p") -> object:
    """An article whose mentions are (surface, type, entity id) and dates (surface, ISO value),
    each found in order in the text."""
    a = make_article(text, page=page, published=published)
    pos = 0
    for surface, type_, entity_id in mentions:
        m = re.compile(re.escape(surface)).search(text, pos)
        assert m, surface
        a.entities.append({"text": surface, "start": m.start(), "end": m.end(), "type": type_, "entity_id": entity_id})
        pos = m.start() + 1
    for surface, value in dates:
        m = text.index(surface)
        a.dates.append({"text": surface, "start": m, "end": m + len(surface), "value": value})
    a.entities.sort(key=lambda m: m["start"])
    a.dates.sort(key=lambda d: d["start"])
    return a


# Published on Wednesday 2024-03-13: "أمس الثلاثاء" is 2024-03-12.
VISIT = (
    "عمّان - (الرائد) - التقى العاهل الأردني عبد الله الثاني، أمس الثلاثاء، الرئيس الفرنسي إيمانويل ماكرون "
    "في قصر الإليزيه بالعاصمة الفرنسية باريس، وبحث الجانبان ملف الأمن الإقليمي.\n\n"
    "واتفق الجانبان على تشكيل لجنة مشتركة لمتابعة مشاريع المياه.\n\n"
    "ويهطل المطر بغزارة في المدينة منذ الصباح."
)


def visit():
    return article(VISIT, [("عمّان", "LOC", "amman"), ("عبد الله الثاني", "PER", "abdullah"),
                           ("إيمانويل ماكرون", "PER", "macron"), ("باريس", "LOC", "paris")],
                   [("أمس الثلاثاء", "2024-03-12")])


def test_meeting_with_participants_place_and_the_day_it_happened():
    [meeting, agreement] = find_events(visit())
    assert meeting["type"] == "meeting"
    assert meeting["participants"] == ["abdullah", "macron"]
    assert meeting["place"] == "paris"  # "بالعاصمة الفرنسية باريس" beats the dateline
    assert meeting["date"] == "2024-03-12"  # yesterday, not the day of publication
    assert VISIT[meeting["start"]:meeting["end"]] == meeting["evidence"]
    assert meeting["topics"][0] == "الأمن الإقليمي"  # the phrase after ملف


def test_the_parties_of_a_later_agreement_are_those_of_the_meeting():
    agreement = find_events(visit())[1]
    assert agreement["type"] == "agreement"
    assert agreement["participants"] == ["abdullah", "macron"]
    assert agreement["date"] == "2024-03-12"  # no day of its own: the neighbouring sentence's
    assert agreement["place"] == "paris"


def test_a_plain_sentence_is_no_event():
    a = article("ويهطل المطر بغزارة على العاصمة منذ الصباح، فيما خلت الشوارع من المارة.", [])
    assert find_events(a) == []
    # a quote without a day or «في بيان» is not a statement event either
    b = article("وقال الوزير سامر الحداد إن الطقس سيتحسن.", [("سامر الحداد", "PER", "haddad")])
    assert find_events(b) == []


def test_trigger_types_through_the_morphology():
    cases = {
        "sanction": ("فرضت الحكومة الكندية، اليوم الأربعاء، عقوبات جديدة على شركات الشحن الإيرانية.",
                     [("الكندية", "LOC", "canada")]),
        "accusation": ("واتّهمت الخارجية الصينية، اليوم الأربعاء، اليابان بالتدخل في شؤونها.",
                       [("الخارجية الصينية", "ORG", "mfa_cn"), ("اليابان", "LOC", "japan")]),
        "agreement": ("ووقّعت الشركتان، اليوم الأربعاء، اتفاقية لتطوير ميناء طرطوس.",
                      [("طرطوس", "LOC", "tartus")]),
        "statement": ("وأعلنت وزارة الصحة التونسية، اليوم الأربعاء، انتهاء موجة الإنفلونزا.",
                      [("وزارة الصحة التونسية", "ORG", "health_tn")]),
        "meeting": ("وأجرى الرئيس الكيني وليام روتو، اليوم الأربعاء، اتصالاً هاتفياً مع نظيره التنزاني.",
                    [("وليام روتو", "PER", "ruto")]),
    }
    for type_, (text, mentions) in cases.items():
        events = find_events(article(text, mentions, [("اليوم الأربعاء", "2024-03-13")]))
        assert [e["type"] for e in events] == [type_], text


def test_accusation_has_accuser_and_accused_but_not_the_charge():
    text = "اتهمت كوريا الشمالية، أمس الثلاثاء، كوريا الجنوبية بإرسال طائرات مسيّرة فوق بيونغ يانغ."
    [e] = find_events(article(text, [("كوريا الشمالية", "LOC", "dprk"), ("كوريا الجنوبية", "LOC", "rok"),
                                     ("بيونغ يانغ", "LOC", "pyongyang")], [("أمس الثلاثاء", "2024-03-12")]))
    assert (e["type"], e["participants"], e["date"]) == ("accusation", ["dprk", "rok"], "2024-03-12")


def test_background_and_plans_are_not_happenings():
    text = ("وكانت الحكومة قد فرضت عقوبات على المصارف قبل عامين. "
            "ويأتي ذلك بعد أن وقّع البلدان اتفاقاً تجارياً. "
            "وسيلتقي الرئيسان الأسبوع المقبل في القاهرة.")
    assert find_events(article(text, [("القاهرة", "LOC", "cairo")])) == []


def test_date_falls_back_to_publication_and_to_none():
    text = "أدرجت وزارة الخزانة ثلاث شركات على قائمة العقوبات."
    assert find_events(article(text, [("وزارة الخزانة", "ORG", "treasury")]))[0]["date"] == "2024-03-13"
    assert find_events(article(text, [("وزارة الخزانة", "ORG", "treasury")], published=None))[0]["date"] is None


def test_welcoming_a_deal_is_a_statement():
    text = "رحّبت جامعة الدول العربية، أمس الثلاثاء، بتوقيع اتفاق وقف إطلاق النار."
    [e] = find_events(article(text, [("جامعة الدول العربية", "ORG", "league")], [("أمس الثلاثاء", "2024-03-12")]))
    assert (e["type"], e["participants"]) == ("statement", ["league"])


def test_merging_two_articles_of_one_story():
    first = find_events(visit())[0]
    other = ("أجرى الرئيس الفرنسي إيمانويل ماكرون، أمس الثلاثاء، مباحثات مع العاهل الأردني عبد الله الثاني "
             "في باريس تناولت الأمن الإقليمي.")
    second = find_events(article(other, [("إيمانويل ماكرون", "PER", "macron"), ("عبد الله الثاني", "PER", "abdullah"),
                                         ("باريس", "LOC", "paris")], [("أمس الثلاثاء", "2024-03-12")], page="q"))[0]
    assert same_event(first, second)
    [merged] = merge_events([("b", second), ("a", first)])
    assert merged["article_ids"] == ["a", "b"]
    assert set(merged["participants"]) == {"abdullah", "macron"}
    assert (merged["date"], merged["place"]) == ("2024-03-12", "paris")
    assert merged["evidence"] == second["evidence"]  # from the first pair given
    assert len(merged["topics"]) <= 5
    # another day, or only one shared actor, is another happening
    assert not same_event(first, {**second, "date": "2024-03-11"})
    assert not same_event(first, {**second, "participants": ["abdullah", "erdogan"]})
    assert len(merge_events([("a", first), ("b", {**second, "type": "agreement"})])) == 2


def test_the_step_keeps_going_after_a_failure():
    broken = visit()
    broken.entities.append({"text": "x", "start": None, "end": None, "type": "PER", "entity_id": "x"})
    failed = make_article("", page="f").fail("empty page")
    out = list(EventFinder().run([broken, visit(), failed]))
    assert len(out) == 3
    assert out[0].events == [] and "events not found" in out[0].meta["warnings"][0]
    assert [e["type"] for e in out[1].events] == ["meeting", "agreement"]
    assert out[2].events == [] and out[2].failed


def test_the_principal_speaker_of_an_opening_without_a_lede_event_makes_a_statement():
    from rasd.understand.quotes import find_quotes

    text = ("أكد رئيس هيئة المياه سامر الخطيب أن مخزون السدود يكفي لصيف كامل دون انقطاع. "
            "وأضاف الخطيب أن الهيئة ستطلق حملة لترشيد الاستهلاك في المدارس.\n\n"
            "وشهدت المدينة في عام 1998 جفافاً قاسياً دام ثلاثة أشهر.")
    a = article(text, [("سامر الخطيب", "PER", "~0"), ("الخطيب", "PER", "~0")], [("عام 1998", "1998-01-01")])
    a.quotes = [q.to_dict() for q in find_quotes(text, a.entities)]
    for q in a.quotes:
        q["speaker_id"] = "~0"
    events = find_events(a)
    assert [(e["type"], e["participants"], e["date"]) for e in events] == [("statement", ["~0"], None)]


def test_an_unnamed_source_is_an_actor_and_old_happenings_are_background():
    from rasd.understand.quotes import find_quotes

    text = ("قال مصدر أمني رفيع إن التحقيقات في حادث الميناء ما زالت جارية حتى الآن. "
            "والتقى الوزير نظيره في عام 2019 في العاصمة.")
    a = article(text, [], [("عام 2019", "2019-01-01")])
    a.quotes = [q.to_dict() for q in find_quotes(text, a.entities)]
    events = find_events(a)
    assert [(e["type"], e["participants"], e["actors"]) for e in events] == [("statement", [], ["مصدر أمني رفيع"])]
