"""Stories, storylines and summaries, end to end on our own fixture articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.ingest import ingest
from rasd.record import Article
from rasd.settings import Settings
from rasd.store import Store
from rasd.stories.terms import cosine, split, term_counts, weigh

FIXTURES = Path(__file__).parents[1] / "fixtures" / "stories" / "articles.jsonl"


def _ingest(tmp_path: Path, rows: list[dict] | None = None, db: str = "s.db", **settings) -> Store:
    path = FIXTURES
    if rows is not None:
        path = tmp_path / "input.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    with Store(tmp_path / db) as store:
        ingest([str(path)], store, Settings(workers=1, **{"understand": False, **settings}))
    return Store(tmp_path / db, readonly=True)


def _rows() -> list[dict]:
    return [json.loads(line) for line in FIXTURES.read_text("utf-8").splitlines()]


def _story_of_page(store: Store) -> dict[str, str]:
    return {a["page"]: a["story_id"] for a in store.articles()}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return _ingest(tmp_path_factory.mktemp("stories"), understand=True)  # storylines need the actors


def test_terms_drop_function_words_and_the_article_and_keep_entities() -> None:
    article = Article(page="p", path="p", title="الوزير في عمّان", text="والوزير قال إن المحادثات في عمان",
                      entities=[{"text": "عمان", "start": 27, "end": 31, "type": "LOC", "entity_id": "loc1"},
                                {"text": "الوزير", "start": 0, "end": 7, "type": "PER", "entity_id": None}])
    counts = term_counts(article)
    assert counts["وزير"] == 3  # twice from the title, once from "والوزير"
    assert "في" not in counts and "قال" not in counts and "ان" not in counts
    assert counts["l:loc1"] == 1 and not any(t.startswith("e:") for t in counts)
    names, words = split(weigh(counts, {}, 0))
    assert set(names) == {"l:loc1"} and "محادثات" in words


def test_reports_of_one_happening_share_a_story_and_others_do_not(store: Store) -> None:
    story = _story_of_page(store)
    assert story["w1"] == story["w2"]  # the same meeting, reported by two outlets a day apart
    assert story["w3"] == story["w4"]
    assert story["w1"] != story["h1"]  # same day, same outlet, another happening
    assert story["w1"] != story["w3"]  # the same file fifteen months later is another story
    assert story["w3"] != story["h2"]
    assert len(set(story.values())) == 4


def test_a_republished_copy_joins_its_original_story(store: Store) -> None:
    articles = {a["page"]: a for a in store.articles()}
    assert articles["w2b"]["duplicate_of"] == articles["w2"]["id"]
    assert articles["w2b"]["story_id"] == articles["w2"]["story_id"]


def test_story_records_follow_the_contract(store: Store) -> None:
    by_id = {a["id"]: a for a in store.articles()}
    stories = list(store.stories.stories())
    assert [s["start"] for s in stories] == sorted((s["start"] for s in stories), reverse=True)  # newest first
    meeting = next(s for s in stories if len(s["article_ids"]) == 3)
    assert {by_id[i]["page"] for i in meeting["article_ids"]} == {"w1", "w2", "w2b"}
    assert (meeting["start"], meeting["end"]) == ("2024-03-04", "2024-03-05")
    assert meeting["title"] in {by_id[i]["title"] for i in meeting["article_ids"]}
    assert set(meeting["sources"]) == {"صحيفة النهار الجديد", "وكالة الشمال للأنباء", "موقع الضفة"}
    assert set(meeting) >= {"id", "title", "article_ids", "start", "end", "summary", "storyline_id", "event_ids"}


def test_summary_takes_sentences_once_and_in_time_order(store: Store) -> None:
    by_id = {a["id"]: a for a in store.articles()}
    meeting = next(s for s in store.stories.stories() if len(s["article_ids"]) == 3)
    stored = json.loads(store.db.execute("SELECT summary FROM stories WHERE id = ?", (meeting["id"],)).fetchone()[0])
    assert 2 <= len(stored) <= 3
    assert len(set(stored)) == len(stored)
    texts = [by_id[i]["text"] for i in meeting["article_ids"]]  # in publication order
    where = [next(n for n, t in enumerate(texts) if s in t) for s in stored]
    assert where == sorted(where)
    assert not stored[0].startswith("عمّان -")  # the dateline is not part of what happened
    assert meeting["summary"] == " ".join(stored)


def test_storyline_links_the_follow_up_and_leaves_unrelated_stories_alone(store: Store) -> None:
    story = _story_of_page(store)
    stories = {s["id"]: s for s in store.stories.stories()}
    line = stories[story["w1"]]["storyline_id"]
    assert line is not None and stories[story["w3"]]["storyline_id"] == line
    assert stories[story["h1"]]["storyline_id"] is None and stories[story["h2"]]["storyline_id"] is None
    (storyline,) = list(store.stories.storylines())
    assert storyline["story_ids"] == [story["w1"], story["w3"]]  # dated, in time order
    assert [t["date"] for t in storyline["timeline"]] == ["2024-03-04", "2025-06-10"]
    assert all(t["title"] for t in storyline["timeline"])


def test_incremental_ingest_joins_existing_stories(tmp_path: Path) -> None:
    rows = _rows()
    first, second = [r for r in rows if r["id"] in ("w1", "h1", "w3")], [r for r in rows if r["id"] in ("w2", "w4", "h2")]
    _ingest(tmp_path, first, understand=True).close()
    store = _ingest(tmp_path, second, understand=True)
    story = _story_of_page(store)
    assert story["w2"] == story["w1"] and story["w4"] == story["w3"] and story["h2"] != story["w3"]
    assert store.db.execute("SELECT count(*) FROM stories WHERE dirty = 1").fetchone()[0] == 0
    assert len(list(store.stories.storylines())) == 1


def test_arrival_order_does_not_change_the_stories(tmp_path: Path) -> None:
    in_order = _ingest(tmp_path, _rows(), db="a.db")
    reversed_ = _ingest(tmp_path, _rows()[::-1], db="b.db")
    groups = lambda s: sorted(sorted(p for p, sid in _story_of_page(s).items() if sid == x) for x in set(_story_of_page(s).values()))  # noqa: E731
    assert groups(in_order) == groups(reversed_)


def test_reingest_counts_nothing_twice(tmp_path: Path) -> None:
    _ingest(tmp_path).close()
    before = Store(tmp_path / "s.db", readonly=True)
    counts = before.db.execute("SELECT id, articles, centroid FROM stories ORDER BY id").fetchall()
    df = before.db.execute("SELECT term, df FROM term_df ORDER BY term").fetchall()
    before.close()
    after = _ingest(tmp_path)
    assert after.db.execute("SELECT id, articles, centroid FROM stories ORDER BY id").fetchall() == counts
    assert after.db.execute("SELECT term, df FROM term_df ORDER BY term").fetchall() == df


def test_an_undated_article_still_gets_a_story(tmp_path: Path) -> None:
    rows = _rows()[:2]
    rows[1] = {**rows[1], "published": None}
    store = _ingest(tmp_path, rows)
    story = _story_of_page(store)
    assert story["w1"] == story["w2"]


def test_a_story_stops_taking_articles_story_max_days_after_its_first(tmp_path: Path) -> None:
    rows = [r for r in _rows() if r["id"] in ("w1", "w2")]
    rows[1] = {**rows[1], "published": "2024-03-07"}  # three days after w1: inside the 4-day window
    joined = _story_of_page(_ingest(tmp_path, rows, db="a.db"))
    assert joined["w1"] == joined["w2"]
    capped = _story_of_page(_ingest(tmp_path, rows, db="b.db", story_max_days=2))
    assert capped["w1"] != capped["w2"]


def test_a_days_top_stories_rank_by_what_they_did_that_day(tmp_path: Path) -> None:
    rows = {r["id"]: r for r in _rows()}
    water = [{**rows["w1"]}, {**rows["w2"], "published": "2024-03-04"}, {**rows["w2b"]}]  # 3 outlets, 1 on the 5th
    hospital = [rows["h1"], {**rows["h1"], "id": "h1-copy", "source": "وكالة الشمال للأنباء"}]  # 2 outlets, both the 5th
    store = _ingest(tmp_path, water + hospital)
    story = _story_of_page(store)
    overall = [s["id"] for s in store.stories.stories(sort="importance")]
    assert overall == [story["w1"], story["h1"]]  # the water story is bigger over its days
    on_the_fifth = [s["id"] for s in store.stories.stories("2024-03-05", "2024-03-05", sort="importance")]
    assert on_the_fifth == [story["h1"], story["w1"]]
    assert [s["id"] for s in store.stories.stories("2024-03-05", "2024-03-05", sort="importance", limit=1, offset=1)] \
        == [story["w1"]]


def test_vectors_of_two_reports_are_closer_than_of_two_stories(store: Store) -> None:
    articles = {a["page"]: Article.from_dict({**a, "path": a["page"]}) for a in store.articles()}
    vec = {p: weigh(term_counts(a), {}, 1) for p, a in articles.items()}
    assert cosine(vec["w1"], vec["w2"]) > 2 * cosine(vec["w1"], vec["h1"])


def test_stories_sort_by_importance_most_outlets_first(store: Store) -> None:
    ranked = list(store.stories.stories(sort="importance"))
    scores = [s["importance"] for s in ranked]
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0
    assert len(ranked[0]["sources"]) == max(len(s["sources"]) for s in ranked)  # the three-outlet meeting
    assert {s["id"] for s in ranked} == {s["id"] for s in store.stories.stories()}


class _OneStory:
    """A store whose index lists one story: a phone call between two named people."""

    def candidates(self, terms, since, limit):
        return [("call", "2024-03-04", 1, {"اتصال": 1.0, "هاتفي": 1.0, "e:emir": 1.0})]


def test_the_same_words_about_other_people_are_another_story() -> None:
    from rasd.stories import StoryAssigner

    assigner = StoryAssigner(_OneStory(), Settings(story_threshold=1.5))
    article = Article(page="p", path="p", text="", published="2024-03-04")
    words = {"اتصال": 1.0, "هاتفي": 1.0}
    assert assigner._best(article, {**words, "e:emir": 1.0}) == "call"  # 3.0: the same people
    assert assigner._best(article, words) == "call"  # 2.0: names no one, nothing to disagree on
    assert assigner._best(article, {**words, "e:minister": 1.0}) is None  # 2.0 x 0.7 < 1.5: another call
