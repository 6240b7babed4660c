"""Search: Arabic-aware matching, entity spellings, ranking, snippets, filters, hostile input.
All Arabic text here is original writing for Rasd."""

import json
import sqlite3
from importlib import resources

import pytest

from rasd.arabic.normalize import normalize
from rasd.ingest import ingest
from rasd.record import Article, Fingerprint, digest
from rasd.search import cli_lines, cooccurring, explain, mentions_over_time, search
from rasd.arabic.tokens import index_text
from rasd.settings import Settings
from rasd.store import Store
from rasd.store.sqlite import SCHEMA_VERSION

FILLER = ("وتحدث مسؤولون في المدينة عن خطط لتوسيع شبكة الطرق وبناء مدارس جديدة في الأحياء الشرقية "
          "خلال السنوات المقبلة، مع تخصيص ميزانية إضافية للصيانة الدورية.")


def put(store: Store, page: str, title: str, text: str, **fields) -> Article:
    """Store an article as the writer would (page row, article row, index rows)."""
    key = digest(page, title, text)
    fields.setdefault("published", "2024-05-01")
    fields.setdefault("source", "صحيفة الاختبار")
    article = Article(page=page, path=f"{page}.txt", text=text, title=title, page_key=key, id=digest(key, "0"),
                      fingerprint=Fingerprint(digest(text), 0, b"", []), **fields)
    store.begin()
    store.add_page(key, page, article.path)
    store.add_article(article)
    store.search.add(article)
    store.commit()
    return article


def pages_of(result) -> list[str]:
    return [r["title"] for r in result["results"]]


def marked(segments) -> list[str]:
    return [s["text"] for s in segments if s["match"]]


@pytest.fixture
def store(db):
    s = Store(db)
    yield s
    s.close()


def test_spelling_variants_match(store):
    put(store, "a", "جولة جديدة من المحادثات", "وصل الوفد الأميركيّ إلى القاهرة مساء أمس للقاء وزير الخارجية. " + FILLER)
    put(store, "b", "افتتاح جناح جديد", "افتتح وزير الصحة جناحاً جديداً في مستشفى المدينة الجامعي. " + FILLER)
    for query in ("الامريكي", "الأمريكيّ", "الوفد الامريكى", "القاهره", "القاهرة"):
        assert pages_of(search(store, query)) == ["جولة جديدة من المحادثات"], query
    for query in ("مستشفي", "مُسْتَشْفَى", "المستشفـــى"):
        assert pages_of(search(store, query)) == ["افتتاح جناح جديد"], query


def test_clitic_forms_match_and_suffixes_do_not(store):
    put(store, "a", "زيارة رسمية", "استقبل رئيس الوزراء ضيفه في القصر. " + FILLER)
    put(store, "b", "اجتماع مغلق", "والتقى الوفد بالرئيس في مكتبه قبل الظهر. " + FILLER)
    put(store, "c", "خطة عمل", "وقال إن الهدف الرئيسي للخطة هو خفض الأسعار. " + FILLER)
    for query in ("رئيس", "الرئيس", "والرئيس", "للرئيس", "بالرئيس", "فالرئيس"):
        assert sorted(pages_of(search(store, query))) == ["اجتماع مغلق", "زيارة رسمية"], query
    assert pages_of(search(store, "الرئيسي")) == ["خطة عمل"]  # a suffix makes another word


def test_a_leading_letter_is_a_clitic_only_when_the_corpus_says_so(store):
    put(store, "a", "وزارة الصحة تحذر", "حذرت وزارة الصحة من موجة حر شديدة. " + FILLER)
    put(store, "a2", "وزارة النقل", "أعلنت وزارة النقل تعديل مواعيد القطارات. " + FILLER)
    put(store, "b", "وفد في المستشفى", "وقالت مصادر إن الوفد زاره في المستشفى صباحاً. " + FILLER)
    put(store, "c", "قمة ثنائية", "وبوتين يصل إلى العاصمة غداً. " + FILLER)
    put(store, "d", "تصريحات", "قال بوتين إن المحادثات كانت مفيدة، وأضاف بوتين أنه متفائل. " + FILLER)
    assert sorted(pages_of(search(store, "وزارة"))) == ["وزارة الصحة تحذر", "وزارة النقل"]  # not زاره (visited him)
    assert '"بوتين"' in explain(store, "بوتين") and '"وتين"' not in explain(store, "بوتين")
    assert sorted(pages_of(search(store, "وبوتين"))) == ["تصريحات", "قمة ثنائية"]  # و came off: بوتين is known


def _entity(store: Store, type_: str, name: str, variants: list[str]) -> str:
    num = store.entities.create(type_, name, name)
    store.entities.add_keys(num, type_, ["n:" + normalize(v) for v in variants])
    store.entities.add_mentions(num, {v: 1 for v in variants})
    return store.entities.id_of(num)


def test_entity_variants_expand_the_query(store):
    store.begin()
    nato = _entity(store, "ORG", "حلف شمال الأطلسي", ["حلف شمال الأطلسي", "الناتو"])
    store.commit()
    put(store, "a", "اجتماع وزراء الدفاع", "بحث وزراء دفاع حلف شمال الأطلسي في بروكسل خطط الردع. " + FILLER,
        entities=[{"text": "حلف شمال الأطلسي", "start": 17, "end": 33, "type": "ORG", "entity_id": nato}])
    put(store, "b", "قمة لندن", "وانتقد الرئيس الفرنسي الناتو في ختام القمة. " + FILLER)
    assert sorted(pages_of(search(store, "الناتو"))) == ["اجتماع وزراء الدفاع", "قمة لندن"]
    assert sorted(pages_of(search(store, "حلف شمال الأطلسي"))) == ["اجتماع وزراء الدفاع", "قمة لندن"]
    assert pages_of(search(store, "الناتو", entities=False)) == ["قمة لندن"]
    r = search(store, "الناتو")
    assert r["groups"][0]["entity_ids"] == [nato]
    assert marked(next(x for x in r["results"] if x["title"] == "اجتماع وزراء الدفاع")["snippet"]) == ["حلف", "شمال", "الأطلسي"]


def test_real_ingest_finds_tramp_when_asked_tramb(tmp_path):
    rows = [
        {"id": "x1", "published": "2025-03-02", "title": "الرئيس الأمريكي يستقبل وفداً من رجال الأعمال",
         "text": "استقبل الرئيس الأمريكي دونالد ترامب في البيت الأبيض أمس وفداً من رجال الأعمال، وقال ترامب إن "
                 "الاقتصاد يتحسن بسرعة. وأضاف ترامب أن الإدارة ستعلن خطة جديدة للضرائب الشهر المقبل."},
        {"id": "x2", "published": "2025-03-03", "title": "أمطار غزيرة تغرق شوارع المدينة",
         "text": "هطلت أمطار غزيرة على المدينة طوال الليل، وأغلقت السلطات عدداً من الطرق الرئيسية. " + FILLER},
    ]
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    with Store(tmp_path / "r.db") as store:
        ingest([str(corpus)], store, Settings(workers=1))
    store = Store(tmp_path / "r.db", readonly=True)
    assert "ترمب" not in rows[0]["text"]
    r = search(store, "ترمب")
    assert pages_of(r) == [rows[0]["title"]]
    assert "ترامب" in marked(r["results"][0]["snippet"])
    trump = r["groups"][0]["entity_ids"][0]
    assert mentions_over_time(store, trump) == [{"month": "2025-03", "articles": 1}]
    assert search(store, "الضرائب", entity_id=trump)["total"] == 1
    store.close()


def test_title_match_ranks_first(store):
    put(store, "body", "تقرير عن الموسم الزراعي", "وتوقع خبراء أن يرتفع إنتاج القمح هذا العام بنسبة كبيرة. " + FILLER)
    put(store, "title", "إنتاج القمح يرتفع", "وتوقع خبراء أن يرتفع المحصول هذا العام بنسبة كبيرة. " + FILLER)
    assert pages_of(search(store, "القمح")) == ["إنتاج القمح يرتفع", "تقرير عن الموسم الزراعي"]


def test_snippet_marks_the_original_characters(store):
    text = FILLER + " " + FILLER + " وقال الرئيسُ الأميركيّ إنّ الاتفاق «خطوةٌ أولى» نحو السلام. " + FILLER
    put(store, "a", "بيان مشترك", text)
    result = search(store, "الرئيس الامريكي")["results"][0]
    assert marked(result["snippet"]) == ["الرئيسُ", "الأميركيّ"]
    shown = "".join(s["text"] for s in result["snippet"]).strip("… ")
    assert shown in text  # a passage of the stored text, characters as written
    assert result["snippet"][0] == {"text": "… ", "match": False}  # cut before the passage
    assert not any("<" in s["text"] for s in result["snippet"])
    assert marked(search(store, "بيان")["results"][0]["title_snippet"]) == ["بيان"]


def test_filters(store):
    store.begin()
    city = _entity(store, "LOC", "الخرطوم", ["الخرطوم"])
    store.commit()
    mention = [{"text": "الخرطوم", "start": 0, "end": 7, "type": "LOC", "entity_id": city}]
    a = put(store, "a", "مفاوضات السلام", "مفاوضات السلام تتواصل في الخرطوم. " + FILLER, published="2023-01-10",
            source="وكالة أ", story_id="st1", entities=mention)
    put(store, "b", "مفاوضات السلام مجدداً", "مفاوضات السلام تتعثر مرة أخرى. " + FILLER, published="2024-06-01",
        source="وكالة ب", story_id="st2")
    put(store, "c", "مفاوضات السلام (نسخة)", "مفاوضات السلام تتواصل في الخرطوم. " + FILLER, published="2023-01-11",
        source="وكالة ج", story_id="st1", duplicate_of=a.id, entities=mention)
    assert search(store, "مفاوضات")["total"] == 2  # the duplicate is listed on its original
    assert search(store, "مفاوضات", include_duplicates=True)["total"] == 3
    assert search(store, "مفاوضات")["results"][0]["duplicates"] or search(store, "مفاوضات")["results"][1]["duplicates"]
    assert pages_of(search(store, "مفاوضات", since="2024-01-01")) == ["مفاوضات السلام مجدداً"]
    assert pages_of(search(store, "مفاوضات", until="2023-12-31")) == ["مفاوضات السلام"]
    assert pages_of(search(store, "مفاوضات", source="وكالة ب")) == ["مفاوضات السلام مجدداً"]
    assert pages_of(search(store, "مفاوضات", story_id="st1")) == ["مفاوضات السلام"]
    assert pages_of(search(store, "مفاوضات", entity_id=city)) == ["مفاوضات السلام"]
    assert search(store, "مفاوضات", entity_id=[])["total"] == 0
    assert mentions_over_time(store, city) == [{"month": "2023-01", "articles": 1}]


HOSTILE = ['"', '""', "'", "*", "ترمب*", "NEAR(", "NEAR(ترمب بوتين, 2)", "OR", "AND", "NOT", "ترمب OR", "(", ")",
           '"ترمب', "ترمب\"بوتين", "{title}: ترمب", "title:ترمب", "^ترمب", "-", "+", ":", "\x00", "\u202eترمب",
           "😀", "😀 ترمب 😀", "\u200f\u200e", "ـــ", "ً", "في من على", "،؛؟", "ترمب " * 2000, "ا" * 10_000,
           "\ufdfa", "x" * 300, "%", "_", "\\", "' OR 1=1 --", "SELECT * FROM articles"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(store, query):
    put(store, "a", "لقاء ترمب وبوتين", "التقى ترمب وبوتين في قمة قصيرة. " + FILLER)
    result = search(store, query)
    assert isinstance(result["total"], int) and result["total"] >= 0
    assert len(result["results"]) <= 20


def test_nothing_searchable_gives_no_results(store):
    put(store, "a", "عنوان", "نص قصير عن شيء ما. " + FILLER)
    for query in ("", "   ", '"*()', "في من على", "😀"):
        assert search(store, query) == {"query": query, "total": 0, "matched_all": 0, "results": [], "groups": []}


def test_bad_parameters_raise_value_error(store):
    for kwargs in ({"since": "2020-13-01"}, {"until": "أمس"}, {"limit": 0}, {"limit": 10 ** 6}, {"offset": -1},
                   {"limit": "20"}):
        with pytest.raises(ValueError):
            search(store, "ترمب", **kwargs)


def test_pagination_and_counts(store):
    for i in range(25):
        put(store, f"p{i}", f"خبر رقم {i}", f"سقطت أمطار غزيرة {'وثلوج كثيفة ' if i < 5 else ''}في الجبال. {FILLER} {'إضافة ' * i}")
    first = search(store, "أمطار", limit=10)
    assert first["total"] == 25 and len(first["results"]) == 10
    seen = [r["article_id"] for off in (0, 10, 20) for r in search(store, "أمطار", limit=10, offset=off)["results"]]
    assert len(seen) == len(set(seen)) == 25
    assert search(store, "أمطار", offset=25)["results"] == []
    both = search(store, "ثلوج أمطار", limit=7)
    assert both["matched_all"] == 5 and both["total"] == 25
    assert all("ثلوج" in r["title_snippet"][0]["text"] or "ثلوج" in "".join(s["text"] for s in r["snippet"])
               for r in both["results"][:5])  # articles with every word first
    assert len(search(store, "ثلوج أمطار", limit=7, offset=3)["results"]) == 7


def _v3_store(path) -> None:
    """A store as Rasd wrote it before the search index: schema version 3, two articles."""
    con = sqlite3.connect(path, isolation_level=None)
    folder = resources.files("rasd.store.sqlite") / "migrations"
    for name in ("0001_initial.sql", "0002_entities.sql", "0003_stories.sql"):
        con.executescript((folder / name).read_text("utf-8"))
    con.execute("INSERT INTO pages VALUES ('k1', 'p1', 'p1.txt', '2024-01-01')")
    ents = json.dumps([{"text": "هلسنكي", "start": 0, "end": 6, "type": "LOC", "entity_id": "e1"}], ensure_ascii=False)
    for i, (title, text) in enumerate([("قمة في هلسنكي", "هلسنكي تستضيف قمة الرئيسين. " + FILLER),
                                       ("أسعار الوقود", "ارتفعت أسعار الوقود مجدداً. " + FILLER)]):
        con.execute("INSERT INTO articles (id, page_key, page, page_index, path, title, published, text, entities,"
                    " text_hash, shingles, minhash) VALUES (?, 'k1', 'p1', ?, 'p1.txt', ?, '2024-01-02', ?, ?, ?, 0, x'')",
                    (f"a{i}", i, title, text, ents if i == 0 else "[]", f"h{i}"))
    con.execute("PRAGMA user_version=3")
    con.close()


def test_migration_from_v3_backfills_the_index(db):
    _v3_store(db)
    store = Store(db, readonly=True)  # reading an older store brings it up to date first
    assert store.schema_version == SCHEMA_VERSION
    assert store.db.execute("SELECT count(*) FROM search_index").fetchone()[0] == 2
    assert pages_of(search(store, "بهلسنكي")) == ["قمة في هلسنكي"]
    assert pages_of(search(store, "الوقود")) == ["أسعار الوقود"]
    assert pages_of(search(store, "قمة", entity_id="e1")) == ["قمة في هلسنكي"]
    store.close()


def test_cooccurring_entities(store):
    store.begin()
    a, b, c = (_entity(store, "PER", n, [n]) for n in ("سمير الحداد", "ليلى منصور", "كريم ناصر"))
    store.commit()
    m = lambda e: {"text": "x", "start": 0, "end": 1, "type": "PER", "entity_id": e}  # noqa: E731
    put(store, "1", "لقاء أول", "نص أول. " + FILLER, entities=[m(a), m(b)])
    put(store, "2", "لقاء ثان", "نص ثان. " + FILLER, entities=[m(a), m(b), m(c)])
    put(store, "3", "لقاء ثالث", "نص ثالث. " + FILLER, entities=[m(b), m(c)])
    assert cooccurring(store, a) == [{"entity_id": b, "name": "ليلى منصور", "type": "PER", "articles": 2},
                                     {"entity_id": c, "name": "كريم ناصر", "type": "PER", "articles": 1}]
    assert cooccurring(store, a, limit=1)[0]["entity_id"] == b


def test_cli_lines(store):
    put(store, "a", "أسعار الذهب تقفز", "قفزت أسعار الذهب إلى مستوى قياسي. " + FILLER, published="2024-02-03")
    lines = list(cli_lines(store, "الذهب"))
    assert lines[0].startswith("2024-02-03  صحيفة الاختبار  أسعار الذهب تقفز")
    assert "[الذهب]" in lines[1] and lines[-1] == "1 articles, 1-1 shown"
    assert json.loads(list(cli_lines(store, "الذهب", as_json=True))[0])["title"] == "أسعار الذهب تقفز"
    assert list(cli_lines(store, "الذهب", entity="شخص غير معروف")) == ["0 articles"]


def test_index_text_is_normalised_words_and_their_stems():
    assert index_text("والرئيسُ الأميركيّ") == "والرييس الرييس رييس الامريكي امريكي"
    assert index_text(None) == "" and index_text("«»!") == ""


def test_many_matches_are_ranked_in_windows_newest_first(store, monkeypatch):
    from rasd.store.sqlite import search as index

    monkeypatch.setattr(index, "RANK_WINDOW", 4)
    for i in range(11):
        put(store, f"w{i}", f"نشرة {i}", f"{'قطار ' * (1 + i % 3)}يصل متأخراً. {FILLER}")
    got = [r["title"] for off in (0, 3, 6, 9) for r in search(store, "قطار", limit=3, offset=off)["results"]]
    assert len(got) == len(set(got)) == 11
    assert set(got[:4]) == {f"نشرة {i}" for i in (7, 8, 9, 10)}  # the newest window first
    assert search(store, "قطار", limit=3)["total"] == 11


def test_words_next_to_each_other_come_first(store):
    put(store, "far", "محطة الكهرباء", "تعمل المحطة الجديدة بالطاقة الكاملة منذ أسبوع. " + FILLER
        + " وقال مسؤول إن المحطة شمسية التصميم في جزء منها، وإن الطاقة ستصل إلى القرى.")
    put(store, "near", "مشروع في الصحراء", FILLER + " ويضم المشروع ألواح الطاقة الشمسية على مساحة واسعة.")
    r = search(store, "الطاقة الشمسية")
    assert r["matched_all"] == 2 and pages_of(r) == ["مشروع في الصحراء", "محطة الكهرباء"]
    assert "NEAR(" not in explain(store, "الطاقة الشمسية")  # the MATCH of every word; NEAR is a tier on top
