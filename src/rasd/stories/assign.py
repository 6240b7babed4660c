"""StoryAssigner stage: each new article joins a recent story about the same happening, or
opens a new one.

Streaming clustering: the article's TF-IDF vector (words and entities, IDF from the
store's running counts) is compared only with the stories the store's index lists under
its heaviest terms whose last article is at most `story_window_days` older (and whose first
at most `story_max_days`: a happening's fallout lasts days, and daily market or weather
reports must not chain into one weeks-long story), so the cost per article does not grow
with the archive. The score is the article's mean cosine with
the story's articles (its dot product with their summed vectors, over their number): a
cosine with the centroid would grow with the story and let a big one swallow the day's
news (it did, on SaudiNewsNet). The score drops when the article and the story name places,
or people and bodies, and share none: formulaic reports (accidents, phone calls, dividends)
share their words, not their who and where. A near-duplicate joins its original's story. An opinion or
analysis piece (where the page says so) must score `opinion_story_factor` times higher to join.
The stage only decides; `StoryRecorder`, after the writer, counts each stored article in
its story, in the transaction that stored it, so a killed run never counts an article twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rasd.record import Article, digest
from rasd.settings import Settings
from rasd.stories.terms import Vector, add, dot, keys, term_counts, weigh

COMMENT = ("opinion", "analysis")  # genres that join a story only when they are about its happening
PLACE_CONFLICT = 0.7  # score kept when the article and the story name places and share none
ENTITY_CONFLICT = 0.7  # ... and when they name people or bodies and share none

if TYPE_CHECKING:
    from rasd.store.base import StoryStore


class StoryAssigner:
    name = "stories"
    parallel = False

    def __init__(self, table: StoryStore, settings: Settings) -> None:
        self.table = table
        self.settings = settings

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                self.assign(article)
            yield article

    def assign(self, article: Article) -> None:
        if article.duplicate_of:
            article.story_id = self.table.story_of(article.duplicate_of)
            if article.story_id:
                return
        counts = term_counts(article)
        article.story_terms = dict(counts)
        df, n = self.table.df(list(counts))
        vector = weigh(counts, df, n)
        article.story_vector = vector
        article.story_id = self._best(article, vector) or digest("story", article.id, size=8)

    def _best(self, article: Article, vector: dict[str, float]) -> str | None:
        s = self.settings
        since = until = oldest = None
        if article.published:
            day = date.fromisoformat(article.published)
            since = (day - timedelta(days=s.story_window_days)).isoformat()
            until = (day + timedelta(days=s.story_window_days)).isoformat()
            oldest = (day - timedelta(days=s.story_max_days)).isoformat()
        places = {t for t in vector if t.startswith("l:")}
        named = {t for t in vector if t.startswith("e:")}
        # a column on the nuclear deal in general is not the story of the day's meeting about it
        threshold = s.story_threshold * (s.opinion_story_factor if article.genre in COMMENT else 1.0)
        best, best_score = None, threshold
        for story_id, first, summed, centroid in self.table.candidates(keys(vector, s.story_keys), since,
                                                                        s.story_candidates):
            if until and first and not oldest <= first <= until:
                continue  # a happening's fallout lasts days: daily gold reports must not chain for weeks
            score = dot(vector, centroid) / max(summed, 1)
            if places and places.isdisjoint(centroid):
                score *= PLACE_CONFLICT  # the same words about another town: another accident
            if named and named.isdisjoint(centroid):
                score *= ENTITY_CONFLICT  # the same words about other people: another phone call, another dividend
            if score >= best_score:
                best, best_score = story_id, score
        if best:
            article.meta["story"] = {"score": round(best_score, 3)}
        return best


class StoryRecorder:
    """Counts each article the writer stored in its story (opening it): dates, size, the
    centroid (the sum of its articles' vectors) and the story's index keys. A duplicate
    comes with no vector: it adds no new words."""

    name = "story-record"
    parallel = False

    def __init__(self, table: StoryStore, settings: Settings) -> None:
        self.table = table
        self.settings = settings

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if article.story_id and not article.failed:
                self.add(article)
            yield article

    def add(self, article: Article) -> None:
        table, published, vector = self.table, article.published, article.story_vector
        found = table.find_story(article.story_id)
        if found is None:
            num = table.new_story(article.story_id, published)
            first = last = published
            centroid: Vector = {}
        else:
            num, first, last, centroid = found
            if published:
                first = min(first or published, published)
                last = max(last or published, published)
        moved = found is None or last != found[2]  # the index keys carry the last date
        if vector:
            table.count_terms(list(vector))
            centroid = add(centroid, vector, self.settings.story_terms)
        table.count_article(num, first, last, bool(vector))
        if vector or moved:  # a same-day duplicate changes neither the centroid nor its keys
            table.set_centroid(num, centroid, keys(centroid, self.settings.story_keys), last)
