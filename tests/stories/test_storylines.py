"""Storylines: principal actors (never an outlet), stories on different days, labels of actors and topic."""

from __future__ import annotations

from rasd.settings import Settings
from rasd.store.base import StoryGist
from rasd.stories.storylines import label, link, outlet_ids, principal_actors

TALKS = {"e:khatib": 0.5, "e:halabi": 0.4, "l:amman": 0.3, "محادثات": 0.5, "مياه": 0.5, "يرموك": 0.4}


def test_principal_actors_are_named_in_most_articles_and_never_an_outlet() -> None:
    counts = [{"e:khatib": 2, "e:sabq": 1, "l:amman": 1, "مياه": 3},
              {"e:khatib": 1, "e:halabi": 1, "e:sabq": 1, "l:amman": 1},
              {"e:khatib": 1, "e:sabq": 2}]
    assert principal_actors(counts, {"sabq"}) == ["e:khatib", "l:amman"]  # halabi: one article of three
    assert principal_actors([{"e:khatib": 2, "e:halabi": 1}], set()) == ["e:khatib"]  # one article: named twice


def test_outlets_are_known_names_sources_and_names_headed_by_an_outlet_noun() -> None:
    names = {"1": "صحيفة سبق", "2": "سبق", "3": "رويترز", "4": "نادر الخطيب", "5": "النهار الجديد"}
    assert outlet_ids(names, {"النهار الجديد", None}) == {"1", "2", "3", "5"}


class _Table:
    """Two stories in no storyline; `link` may open one."""

    def __init__(self, other_first: str, other_title: str = "محادثات مياه اليرموك في عمّان") -> None:
        self.other = StoryGist(2, other_first, dict(TALKS), ["e:khatib", "l:amman"], other_title)
        self.joined: dict[int, int] = {}

    def entity_names(self, ids):
        return {"khatib": "نادر الخطيب", "amman": "عمان"}

    def storyline_candidates(self, terms, limit):
        return []

    def latest_stories(self, nums, latest):
        return {}

    def lone_story_candidates(self, terms, exclude, limit):
        return [self.other]

    def story(self, num):
        return {"num": num, "id": f"s{num}", "centroid": dict(TALKS)}

    def new_storyline(self, storyline_id):
        return 7

    def storyline_centroid(self, num):
        return {}

    def join_storyline(self, story_num, storyline_num, centroid, keys):
        self.joined[story_num] = storyline_num


def _story(first: str, actors: list[str], title: str = "جولة محادثات حول مياه اليرموك") -> dict:
    return {"num": 1, "first": first, "actors": actors, "centroid": dict(TALKS), "storyline_num": None, "title": title}


def test_two_stories_open_a_storyline_only_on_different_days_with_an_actor_in_common() -> None:
    settings = Settings()
    later = _Table("2024-03-04")
    assert link(later, _story("2025-06-10", ["e:khatib"]), settings) == 7 and later.joined == {1: 7, 2: 7}
    same_day = _Table("2025-06-10")
    assert link(same_day, _story("2025-06-10", ["e:khatib"]), settings) is None  # one happening split in two
    strangers = _Table("2024-03-04")
    assert link(strangers, _story("2025-06-10", ["e:someone_else"]), settings) is None
    assert link(strangers, _story("2025-06-10", []), settings) is None and not strangers.joined


class _Line:
    def storyline_stories(self, num):
        return [{"title": "جولة محادثات مياه اليرموك في عمّان", "actors": ["e:khatib", "l:amman"], "centroid": TALKS},
                {"title": "محادثات جديدة حول مياه اليرموك", "actors": ["e:khatib", "e:halabi"], "centroid": TALKS}]

    def entity_names(self, ids):
        return {"khatib": "نادر الخطيب", "halabi": "عمار الحلبي", "amman": "عمان"}


def test_a_label_names_the_principal_actors_then_the_topic_as_the_titles_write_it() -> None:
    assert label(_Line(), 1) == "نادر الخطيب، عمار الحلبي، عمان — محادثات مياه"


def test_stories_sharing_only_a_place_need_the_place_factor_times_the_score() -> None:
    # the same words and names score 1.0; two lone stories need twice the threshold (0.8)
    settings = Settings(storyline_threshold=0.4)
    person = _Table("2024-03-04")
    assert link(person, _story("2025-06-10", ["e:khatib"]), settings) == 7
    place = _Table("2024-03-04")
    assert link(place, _story("2025-06-10", ["l:amman"]), settings) is None  # 1.0 / 1.5 < 0.8
    assert link(place, _story("2025-06-10", ["l:amman"]), Settings(storyline_threshold=0.4,
                                                                 storyline_place_factor=1.0)) == 7


def test_within_a_month_the_headlines_must_share_what_the_stories_are_about() -> None:
    settings = Settings()
    talks = _Table("2025-06-02")
    assert link(talks, _story("2025-06-10", ["e:khatib"]), settings) == 7  # both headlines: talks on water
    other_matter = _Table("2025-06-02", other_title="الخطيب يفتتح معرضاً في عمّان")
    assert link(other_matter, _story("2025-06-10", ["e:khatib"]), settings) is None  # shares only his name
    a_year_on = _Table("2024-06-02", other_title="الخطيب يفتتح معرضاً في عمّان")
    assert link(a_year_on, _story("2025-06-10", ["e:khatib"]), settings) == 7  # actors and topic, a year apart
