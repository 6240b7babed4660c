"""Story importance: outlets first, then articles, then growth; commentary alone counts half."""

from __future__ import annotations

from rasd.stories.assign import StoryAssigner
from rasd.record import Article
from rasd.settings import Settings
from rasd.stories.importance import importance


def _members(outlets: list[str], days: list[str], genre: str | None = None) -> list[dict]:
    return [{"source": o, "published": d, "genre": genre} for o, d in zip(outlets, days)]


def test_more_outlets_outrank_more_articles_from_one_outlet() -> None:
    five_outlets = importance(_members(["أ", "ب", "ج", "د", "هـ"], ["2024-05-01"] * 5))
    one_outlet = importance(_members(["أ"] * 8, ["2024-05-01"] * 8))
    assert five_outlets > one_outlet > importance(_members(["أ"], ["2024-05-01"]))


def test_a_growing_story_outranks_one_that_died_down() -> None:
    growing = importance(_members(["أ", "ب", "ج"], ["2024-05-01", "2024-05-02", "2024-05-02"]))
    fading = importance(_members(["أ", "ب", "ج"], ["2024-05-01", "2024-05-01", "2024-05-02"]))
    assert growing > fading


def test_columns_alone_count_half_and_no_articles_count_nothing() -> None:
    news = importance(_members(["أ", "ب"], ["2024-05-01"] * 2))
    assert importance(_members(["أ", "ب"], ["2024-05-01"] * 2, genre="opinion")) == news / 2
    assert importance([]) == 0.0


class _OneStory:
    """A story table holding one recent story whose articles score 0.15 with any article."""

    def df(self, terms):
        return {}, 10

    def candidates(self, keys, since, limit):
        return [("s1", "2024-05-01", 1, {"حديقة": 0.15, "ورود": 0.0})]


def test_a_column_joins_a_story_only_at_a_higher_score() -> None:
    settings = Settings(story_threshold=0.12, opinion_story_factor=2.0)
    assigner = StoryAssigner(_OneStory(), settings)  # type: ignore[arg-type]
    report = Article(page="r", path="r", id="r", text="حديقة", published="2024-05-02", story_words={"حديقة": 1})
    column = Article(page="c", path="c", id="c", text="حديقة", published="2024-05-02", story_words={"حديقة": 1},
                     genre="opinion")
    assigner.assign(report)
    assigner.assign(column)
    assert report.story_id == "s1"
    assert column.story_id != "s1"
