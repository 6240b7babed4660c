"""Entity resolution on hand-placed mentions (the tagger is tested on its own)."""

import re

from conftest import make_article
from rasd.store import Store
from rasd.understand.entities import EntityResolver
from rasd.understand.quotes import QuoteFinder


def article_with(text: str, mentions: list[tuple[str, str]], page: str = "p"):
    """An article whose entity mentions are the given (surface, type) pairs, found in order."""
    article = make_article(text, page=page)
    spans, pos = [], 0
    for surface, type_ in mentions:
        m = re.compile(re.escape(surface)).search(text, pos)
        assert m, surface
        spans.append({"text": surface, "start": m.start(), "end": m.end(), "type": type_})
        pos = m.start() + 1
    article.entities = spans
    return article


def resolve(store: Store, *articles):
    resolver = EntityResolver(store.entities)
    out = list(resolver.run(QuoteFinder().run(articles)))
    return out


def ids(article):
    return {m["text"]: m["entity_id"] for m in article.entities}


def test_variants_in_one_article_meet(db):
    text = ("استقبل الرئيس الروسي فلاديمير بوتين وزير الخارجية الأميركي مايك بومبيو في سوتشي. "
            "وقال بوتين إن المحادثات كانت مفيدة. وأكد لبومبيو أن موسكو مستعدة للحوار، فيما شكر بومبيو وبوتين المضيفين.")
    [a] = resolve(Store(db), article_with(text, [
        ("فلاديمير بوتين", "PER"), ("مايك بومبيو", "PER"), ("سوتشي", "LOC"), ("بوتين", "PER"),
        ("لبومبيو", "PER"), ("موسكو", "LOC"), ("بومبيو", "PER"), ("وبوتين", "PER")]))
    got = ids(a)
    assert got["فلاديمير بوتين"] == got["بوتين"] == got["وبوتين"]
    assert got["مايك بومبيو"] == got["لبومبيو"] == got["بومبيو"]
    assert got["بوتين"] != got["بومبيو"]


def test_variants_are_recorded_without_proclitics(db):
    store = Store(db)
    text = ("زار وليد جنبلاط واشنطن والتقى مايك بومبيو. وأكد لبومبيو أن العلاقات مع وواشنطن جيدة، "
            "وقال بومبيو إنه يوافق.")
    resolve(store, article_with(text, [("وليد جنبلاط", "PER"), ("واشنطن", "LOC"), ("مايك بومبيو", "PER"),
                                       ("لبومبيو", "PER"), ("وواشنطن", "LOC"), ("بومبيو", "PER")]))
    variants = {e["name"]: set(e["variants"]) for e in store.entities.all()}
    assert variants["واشنطن"] == {"واشنطن"}
    assert variants["مايك بومبيو"] == {"مايك بومبيو", "بومبيو"}
    assert variants["وليد جنبلاط"] == {"وليد جنبلاط"}  # وليد is a name, not و + ليد


def test_spelling_variants_meet_across_articles_and_names_grow(db):
    store = Store(db)
    [a] = resolve(store, article_with("صرح ترمب للصحافيين بأن الاتفاق قريب جداً من التوقيع.", [("ترمب", "PER")], "a"))
    # the full name joins the name met alone because its article also writes it alone
    [b] = resolve(store, article_with("قال الرئيس الأمريكي دونالد ترامب إن الاتفاق قريب، وأكد ترامب ذلك.",
                                      [("دونالد ترامب", "PER"), ("ترامب", "PER")], "b"))
    [c] = resolve(store, article_with("وأضاف ترامب أن المفاوضات ستستمر.", [("ترامب", "PER")], "c"))
    assert ids(a)["ترمب"] == ids(b)["دونالد ترامب"] == ids(c)["ترامب"]
    [entity] = list(store.entities.all())
    assert entity["name"] == "دونالد ترامب" and entity["mentions"] == 4
    assert set(entity["variants"]) == {"ترمب", "دونالد ترامب", "ترامب"}


def test_a_family_name_met_alone_is_not_given_to_the_first_full_name(db):
    store = Store(db)
    [a] = resolve(store, article_with("وقال بوش إن الحرب انتهت.", [("بوش", "PER")], "a"))
    [b] = resolve(store, article_with("أعلن جيب بوش ترشحه للرئاسة.", [("جيب بوش", "PER")], "b"))
    assert ids(a)["بوش"] != ids(b)["جيب بوش"]  # which Bush spoke in a is not known


def test_a_given_name_alone_is_no_entity_unless_the_article_names_its_person(db):
    store = Store(db)
    [a] = resolve(store, article_with("وقال عبدالله إن الطريق مغلق.", [("عبدالله", "PER")], "a"))
    assert ids(a)["عبدالله"] is None and not list(store.entities.all())
    [b] = resolve(store, article_with("استقبل الملك سلمان بن عبدالعزيز الوفد، وقال الملك سلمان إن الزيارة مهمة.",
                                      [("سلمان بن عبدالعزيز", "PER"), ("سلمان", "PER")], "b"))
    assert ids(b)["سلمان"] == ids(b)["سلمان بن عبدالعزيز"] is not None


def test_people_sharing_a_family_name_are_not_merged(db):
    store = Store(db)
    [a] = resolve(store, article_with("التقى جو بايدن بالمسؤولين في البيت الأبيض.", [("جو بايدن", "PER")], "a"))
    [b] = resolve(store, article_with("مثل هانتر بايدن أمام المحكمة أمس.", [("هانتر بايدن", "PER")], "b"))
    [c] = resolve(store, article_with("وقال بايدن إن القرار نهائي.", [("بايدن", "PER")], "c"))
    assert ids(a)["جو بايدن"] != ids(b)["هانتر بايدن"]
    assert ids(c)["بايدن"] not in (ids(a)["جو بايدن"], ids(b)["هانتر بايدن"])  # ambiguous: kept apart
    [d] = resolve(store, article_with("قال جو بايدن للصحافيين إن بايدن لن يتراجع.", [("جو بايدن", "PER"), ("بايدن", "PER")], "d"))
    assert ids(d)["جو بايدن"] == ids(d)["بايدن"] == ids(a)["جو بايدن"]  # in the article, the full name is evidence


def test_family_name_alone_joins_the_only_known_person(db):
    store = Store(db)
    [a] = resolve(store, article_with("وصل فلاديمير بوتين إلى بكين أمس.", [("فلاديمير بوتين", "PER"), ("بكين", "LOC")], "a"))
    [b] = resolve(store, article_with("وقال بوتين إن العلاقات ممتازة.", [("بوتين", "PER")], "b"))
    assert ids(a)["فلاديمير بوتين"] == ids(b)["بوتين"]


def test_short_forms_of_organisations(db):
    store = Store(db)
    [a] = resolve(store, article_with("اجتمع وزراء حلف شمال الأطلسي في بروكسل.", [("حلف شمال الأطلسي", "ORG"), ("بروكسل", "LOC")], "a"))
    [b] = resolve(store, article_with("قال الأمين العام للناتو إن الحلف موحد. ويعقد الناتو قمته المقبلة في لاهاي.",
                                      [("للناتو", "ORG"), ("الناتو", "ORG"), ("لاهاي", "LOC")], "b"))
    assert ids(a)["حلف شمال الأطلسي"] == ids(b)["للناتو"] == ids(b)["الناتو"]


def test_quote_speakers_are_linked_by_mention_and_by_role(db):
    text = ("استقبل الرئيس الروسي فلاديمير بوتين المبعوث الأميركي في الكرملين. "
            "وقال الرئيس الروسي إن «الحوار هو الطريق الوحيد لحل الخلافات». "
            "وقال يوري أوشاكوف: «المحادثات كانت بناءة ومفيدة للغاية».")
    [a] = resolve(Store(db), article_with(text, [("فلاديمير بوتين", "PER"), ("الكرملين", "ORG"), ("يوري أوشاكوف", "PER")]))
    by_text = {q["text"]: q for q in a.quotes}
    assert by_text["الحوار هو الطريق الوحيد لحل الخلافات"]["speaker_id"] == ids(a)["فلاديمير بوتين"]
    assert by_text["المحادثات كانت بناءة ومفيدة للغاية"]["speaker_id"] == ids(a)["يوري أوشاكوف"]


def test_tagged_currencies_particles_and_self_credits_are_not_names():
    from rasd.understand.mentions import clean_mention

    text = "قال لي إن الراتب ثلاثة آلاف ريال شهريا، بأن عبدالفتاح الحربي وقع لريال مدريد والريال السعودي ثابت. رابط الخبر بصحيفة الندى"

    def cleaned(words, source=None):
        i = text.index(words)
        m = clean_mention({"text": words, "start": i, "end": i + len(words), "type": "PER"}, text, source)
        return m and m["text"]

    assert cleaned("لي") is None and cleaned("ريال شهريا") is None and cleaned("والريال السعودي") is None
    assert cleaned("بأن عبدالفتاح الحربي") == "عبدالفتاح الحربي"
    assert cleaned("لريال مدريد") == "لريال مدريد"
    assert cleaned("بصحيفة الندى", source="صحيفة الندى") is None
    royal = "بعث سالم بن عبدالله آل ثامر برقية تهنئة"
    m = clean_mention({"text": "سالم بن عبدالله آل ثامر برقية", "start": 4, "end": 33, "type": "PER"}, royal)
    assert m["text"] == "سالم بن عبدالله آل ثامر"


def test_a_prayer_time_is_no_place_and_an_outlet_written_as_one_is_an_organisation():
    from rasd.understand.mentions import clean_mention

    text = "وبعد صلاة المغرب قال المسؤول لـ«الشرق الأوسط» ثم للشرق الأوسط ثم لعكاظ إن الأمن في الشرق الأوسط والمغرب مستتب"

    def cleaned(words, nth=0):
        i = -1
        for _ in range(nth + 1):
            i = text.index(words, i + 1)
        m = clean_mention({"text": words, "start": i, "end": i + len(words), "type": "LOC"}, text)
        return m and m["type"]

    assert cleaned("المغرب") is None and cleaned("والمغرب") == "LOC"
    assert cleaned("الشرق الأوسط") == "ORG" and cleaned("للشرق الأوسط") == "ORG" and cleaned("لعكاظ") == "ORG"
    assert cleaned("الشرق الأوسط", nth=1) == "LOC"  # the region


def test_a_vowel_written_in_must_stand_where_it_is():
    from rasd.understand.names import same_word

    assert same_word("ترمب", "ترامب") and same_word("ديمتري", "دميتري") and same_word("الامريكي", "الاميركي")
    assert not same_word("بورت", "بيروت")


def test_names_one_vowel_apart_a_bare_given_name_and_a_bracketed_country_stay_apart(db):
    store = Store(db)
    [first] = resolve(store, article_with("التقى ميشال سليمان بالسفير محمد عبدالعزيز في القاهرة (مصر) أمس.", [
        ("ميشال سليمان", "PER"), ("محمد عبدالعزيز", "PER"), ("القاهرة", "LOC"), ("مصر", "LOC")], page="a"))
    [second] = resolve(store, article_with("وبعث سلمان برقية إلى عبدالعزيز بمناسبة العيد.", [
        ("سلمان", "PER"), ("عبدالعزيز", "PER")], page="b"))
    one, two = ids(first), ids(second)
    assert one["القاهرة"] != one["مصر"]
    assert two["سلمان"] != one["ميشال سليمان"]
    assert two["عبدالعزيز"] != one["محمد عبدالعزيز"]
    [third] = resolve(store, article_with("وقال ترمب إن المحادثات جيدة.", [("ترمب", "PER")], page="c"))
    [fourth] = resolve(store, article_with("وصل دونالد ترامب إلى المدينة، وقال ترامب إنه سعيد.",
                                           [("دونالد ترامب", "PER"), ("ترامب", "PER")], page="d"))
    assert ids(third)["ترمب"] == ids(fourth)["دونالد ترامب"]  # one name, two spellings: still one person


def test_people_keep_the_titles_written_before_them_with_first_and_last_day(db):
    store = Store(db)
    first = article_with("استقبل وزير الخارجية العماني بدر البوسعيدي الوفد.", [("بدر البوسعيدي", "PER")], page="t1")
    first.published = "2021-03-01"
    later = article_with("وقال وزير الخارجية العماني بدر البوسعيدي إن الحوار مستمر.", [("بدر البوسعيدي", "PER")], page="t2")
    later.published = "2022-06-09"
    resolve(store, first, later)
    [person] = [e for e in store.entities.all("PER")]
    assert person["titles"] == [{"text": "وزير الخارجية العماني", "first": "2021-03-01", "last": "2022-06-09", "count": 2}]


def test_a_full_name_does_not_join_an_earlier_bare_given_name(db):
    store = Store(db)
    [bare] = resolve(store, article_with("وقال عبدالعزيز إن الطريق مغلق.", [("عبدالعزيز", "PER")], page="g1"))
    [full] = resolve(store, article_with("وصل محمد عبدالعزيز إلى جدة.", [("محمد عبدالعزيز", "PER")], page="g2"))
    assert ids(bare)["عبدالعزيز"] != ids(full)["محمد عبدالعزيز"]


def test_two_people_tagged_as_one_are_split_at_the_conjunction():
    from rasd.understand.mentions import split_conjoined

    text = "التقى بوتين وزيلينسكي مع مايك والتز"
    lists = {"زيلينسكي": ["WD"], "والتز": ["WD"]}
    mentions = [{"text": "بوتين وزيلينسكي", "start": 6, "end": 21, "type": "PER"},
                {"text": "مايك والتز", "start": 25, "end": 35, "type": "PER"}]
    got = split_conjoined(mentions, text, lambda w: lists.get(w, []))
    assert [m["text"] for m in got] == ["بوتين", "وزيلينسكي", "مايك والتز"]
    assert all(text[m["start"]:m["end"]] == m["text"] for m in got)
