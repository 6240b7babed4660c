"""The story tables of the store: term counts, stories, storylines, events and their indexes.

Vectors and index keys are stored as given: rasd.stories makes them."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from typing import Any

from rasd.store.base import StoryGist, Vector
from rasd.stories.importance import importance

N_TERM = "#articles"  # the term_df row that counts the articles themselves


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


CACHED_TERMS = 300_000  # document counts kept in memory by the one process that writes them
CACHED_VECTORS = 50_000  # decoded story centroids kept in memory (the stories of the last few days, and more)


# how `stories()` can order its stories: newest first, or most important first (then newest)
STORY_ORDER = {"recent": "s.last DESC, s.num DESC", "importance": "s.importance DESC, s.last DESC, s.num DESC"}

class StoryTable:
    """Document counts are counted in memory and written in one statement when the store
    commits (an article adds ~100 terms: one upsert each was most of the writer's time).
    Story centroids are kept decoded once read or written. Both caches hold only what this
    connection wrote or read, and are forgotten when a transaction is rolled back."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._df: dict[str, int] = {}  # term_df rows as stored (read, or flushed by this connection)
        self._pending: Counter[str] = Counter()  # counts not yet written
        self._centroids: dict[int, Vector] = {}

    def flush(self) -> None:
        """Write the pending document counts (in the open transaction)."""
        if self._pending:
            self.db.executemany("INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                                sorted(self._pending.items()))
            for t, n in self._pending.items():
                if t in self._df:
                    self._df[t] += n
            self._pending.clear()

    def forget(self) -> None:
        """Drop what is cached: after a rollback it may be what was undone."""
        self._df.clear()
        self._pending.clear()
        self._centroids.clear()

    # -- document counts ----------------------------------------------------------------
    def df(self, terms: list[str]) -> tuple[dict[str, int], int]:
        """Document counts of `terms`, and how many articles were counted."""
        cache, pending = self._df, self._pending
        missing = [t for t in dict.fromkeys([*terms, N_TERM]) if t not in cache]
        if len(cache) + len(missing) > CACHED_TERMS:
            cache.clear()
            missing = [*dict.fromkeys([*terms, N_TERM])]
        for i in range(0, len(missing), 500):
            chunk = missing[i:i + 500]
            cache.update(dict.fromkeys(chunk, 0))
            cache.update(self.db.execute(
                f"SELECT term, df FROM term_df WHERE term IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        get = pending.get
        counts = {t: n for t in terms if (n := cache[t] + get(t, 0))}
        return counts, cache[N_TERM] + get(N_TERM, 0)

    def count_terms(self, terms: list[str]) -> None:
        self._pending.update(terms)
        self._pending[N_TERM] += 1

    def _centroid(self, num: int, stored: str) -> Vector:
        """The story's centroid, decoded once (`stored`: its JSON, as just read)."""
        vector = self._centroids.get(num)
        if vector is None:
            vector = self._remember(num, json.loads(stored))
        return vector

    def _remember(self, num: int, vector: Vector) -> Vector:
        if len(self._centroids) >= CACHED_VECTORS:
            for old in list(islice(self._centroids, CACHED_VECTORS // 2)):  # the oldest half
                del self._centroids[old]
        self._centroids[num] = vector
        return vector

    # -- assignment -------------------------------------------------------------------------
    def candidates(self, terms: list[str], since: str | None, limit: int) -> list[tuple[str, str | None, int, Vector]]:
        """Stories listed under any of `terms` whose last article is from `since` on (any
        date when `since` is None), most shared terms first."""
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        window, args = ("AND last >= ?", [since]) if since else ("", [])
        rows = self.db.execute(
            f"SELECT s.num, s.id, s.first, s.summed, s.centroid FROM (SELECT story_num, count(*) AS shared FROM story_keys"
            f" WHERE key IN ({marks}) {window} GROUP BY story_num ORDER BY shared DESC LIMIT ?) k"
            f" JOIN stories s ON s.num = k.story_num ORDER BY k.shared DESC, s.num",
            [*terms, *args, limit])
        return [(id_, first, summed, self._centroid(num, centroid)) for num, id_, first, summed, centroid in rows]

    def story_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def find_story(self, story_id: str) -> tuple[int, str | None, str | None, Vector] | None:
        """(num, first, last, centroid) of a story, None when there is none yet."""
        row = self.db.execute("SELECT num, first, last, centroid FROM stories WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else (row[0], row[1], row[2], self._centroid(row[0], row[3]))

    def new_story(self, story_id: str, published: str | None) -> int:
        return self.db.execute("INSERT INTO stories (id, first, last, articles, centroid) VALUES (?, ?, ?, 0, '{}')",
                               (story_id, published, published)).lastrowid

    def count_article(self, num: int, first: str | None, last: str | None, summed: bool) -> None:
        """One more article in the story (`summed`: its vector is in the centroid); the story
        is to be made again."""
        self.db.execute("UPDATE stories SET first = ?, last = ?, articles = articles + 1, summed = summed + ?,"
                        " dirty = 1 WHERE num = ?", (first, last, 1 if summed else 0, num))

    def set_centroid(self, num: int, centroid: Vector, keys: list[str], last: str | None = None) -> None:
        """Store a story's vector and list it in the index under `keys`."""
        if last is None:
            last = self.db.execute("SELECT last FROM stories WHERE num = ?", (num,)).fetchone()[0]
        self.db.execute("UPDATE stories SET centroid = ? WHERE num = ?", (_json(centroid), num))
        self._remember(num, centroid)
        self.db.execute("DELETE FROM story_keys WHERE story_num = ?", (num,))
        self.db.executemany("INSERT INTO story_keys (key, last, story_num) VALUES (?, ?, ?)",
                            [(k, last or "", num) for k in keys])

    # -- organising: what is made from a story's articles as a whole --------------------------
    def dirty(self) -> list[int]:
        return [n for (n,) in self.db.execute("SELECT num FROM stories WHERE dirty = 1 ORDER BY first IS NULL, first, num")]

    def story(self, num: int) -> dict[str, Any]:
        row = self.db.execute("SELECT * FROM stories WHERE num = ?", (num,)).fetchone()
        return {**dict(zip(row.keys(), row)), "centroid": self._centroid(num, row["centroid"])}

    def members(self, story_id: str) -> list[dict[str, Any]]:
        """The story's articles in publication order, duplicates included (`duplicate_of`),
        with their story term counts (`terms`), or their entities where none were stored."""
        rows = self.db.execute(
            "SELECT id, source, title, published, genre, text, duplicate_of, events, terms,"
            " CASE WHEN terms IS NULL THEN entities ELSE '[]' END AS entities FROM articles"
            " WHERE story_id = ? ORDER BY published IS NULL, published, num", (story_id,))
        return [{**dict(zip(r.keys(), r)), "entities": json.loads(r["entities"]), "events": json.loads(r["events"]),
                 "terms": r["terms"] and json.loads(r["terms"])} for r in rows]

    def set_made(self, num: int, title: str | None, summary: list[str], events: list[dict[str, Any]],
                 importance: float = 0.0, actors: list[str] | None = None) -> None:
        self.db.execute("UPDATE stories SET title = ?, summary = ?, importance = ?, actors = ?, dirty = 0 WHERE num = ?",
                        (title, _json(summary), importance, _json(actors or []), num))
        self.db.execute("DELETE FROM events WHERE story_num = ?", (num,))
        self.db.executemany(
            "INSERT INTO events (id, story_num, type, date, place, participants, article_ids, topics, evidence, actors)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
            [(e["id"], num, e["type"], e.get("date"), e.get("place"), _json(e.get("participants", [])),
              _json(e.get("article_ids", [])), _json(e.get("topics", [])), e.get("evidence", ""),
              _json(e.get("actors", []))) for e in events])

    # -- storylines -------------------------------------------------------------------------
    def storyline_candidates(self, terms: list[str], limit: int) -> list[tuple[int, Vector]]:
        if not terms:
            return []
        rows = self.db.execute(
            f"SELECT l.num, l.centroid FROM (SELECT storyline_num, count(*) AS shared FROM storyline_keys"
            f" WHERE key IN ({','.join('?' * len(terms))}) GROUP BY storyline_num ORDER BY shared DESC LIMIT ?) k"
            f" JOIN storylines l ON l.num = k.storyline_num ORDER BY k.shared DESC, l.num", [*terms, limit])
        return [(num, json.loads(c)) for num, c in rows]

    def lone_story_candidates(self, terms: list[str], exclude: int, limit: int) -> list[StoryGist]:
        """Stories in no storyline yet, listed under any of `terms`."""
        if not terms:
            return []
        rows = self.db.execute(
            f"SELECT s.num, s.first, s.centroid, s.actors, s.title FROM (SELECT story_num, count(*) AS shared FROM story_keys"
            f" WHERE key IN ({','.join('?' * len(terms))}) GROUP BY story_num ORDER BY shared DESC LIMIT ?) k"
            f" JOIN stories s ON s.num = k.story_num WHERE s.storyline_num IS NULL AND s.num != ?"
            f" ORDER BY k.shared DESC, s.num", [*terms, limit, exclude])
        return [StoryGist(num, first, self._centroid(num, c), json.loads(actors), title)
                for num, first, c, actors, title in rows]

    def new_storyline(self, storyline_id: str) -> int:
        return self.db.execute("INSERT INTO storylines (id, centroid) VALUES (?, '{}')", (storyline_id,)).lastrowid

    def storyline_centroid(self, storyline_num: int) -> Vector:
        return json.loads(self.db.execute("SELECT centroid FROM storylines WHERE num = ?", (storyline_num,)).fetchone()[0])

    def join_storyline(self, story_num: int, storyline_num: int, centroid: Vector, keys: list[str]) -> None:
        """Put a story in a storyline, which now has this centroid and these index keys."""
        self.db.execute("UPDATE storylines SET centroid = ?, dirty = 1 WHERE num = ?", (_json(centroid), storyline_num))
        self.db.execute("UPDATE stories SET storyline_num = ? WHERE num = ?", (storyline_num, story_num))
        self.db.execute("DELETE FROM storyline_keys WHERE storyline_num = ?", (storyline_num,))
        self.db.executemany("INSERT INTO storyline_keys (key, storyline_num) VALUES (?, ?)",
                            [(k, storyline_num) for k in keys])

    def latest_stories(self, storyline_nums: list[int], latest: int) -> dict[int, list[StoryGist]]:
        """The `latest` last stories of each storyline, in one query."""
        if not storyline_nums:
            return {}
        rows = self.db.execute(
            f"SELECT storyline_num, num, first, centroid, actors, title FROM (SELECT storyline_num, num, first, centroid,"
            f" actors, title,"
            f" row_number() OVER"
            f" (PARTITION BY storyline_num ORDER BY first IS NULL DESC, first DESC, num DESC) AS k FROM stories"
            f" WHERE storyline_num IN ({','.join('?' * len(storyline_nums))})) WHERE k <= ? ORDER BY storyline_num, k DESC",
            [*storyline_nums, latest])
        out: dict[int, list[StoryGist]] = {}
        for line, num, first, centroid, actors, title in rows:
            out.setdefault(line, []).append(StoryGist(num, first, self._centroid(num, centroid), json.loads(actors), title))
        return out

    def storyline_stories(self, storyline_num: int) -> list[dict[str, Any]]:
        """The storyline's stories in time order."""
        rows = self.db.execute("SELECT num, id, first, title, centroid, actors FROM stories WHERE storyline_num = ?"
                               " ORDER BY first IS NULL, first, num", (storyline_num,))
        return [{"id": r[1], "first": r[2], "title": r[3], "centroid": self._centroid(r[0], r[4]),
                 "actors": json.loads(r[5])} for r in rows]

    def entity_names(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        return dict(self.db.execute(f"SELECT id, name FROM entities WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall())

    def dirty_storylines(self) -> list[int]:
        return [n for (n,) in self.db.execute("SELECT num FROM storylines WHERE dirty = 1 ORDER BY num")]

    def set_label(self, storyline_num: int, label: str) -> None:
        self.db.execute("UPDATE storylines SET label = ?, dirty = 0 WHERE num = ?", (label, storyline_num))

    # -- reading (export contract, docs/schema.md) -----------------------------------------------
    def stories(self, since: str | None = None, until: str | None = None, entity_ids: set[str] | None = None,
                *, ids: list[str] | None = None, storyline_id: str | None = None, source: str | None = None,
                sort: str = "recent", limit: int = -1, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Stories, newest first (`sort="importance"`: most important first), optionally only those overlapping [since, until],
        mentioning one of `entity_ids`, reported by `source`, with these ids or in this
        storyline. The page is chosen first, so the article lists are read for it alone.
        In a date range, most important means by what the story did in that range (its
        articles published then): a day's top stories are that day's, not last week's big
        story that one article still reached today."""
        where, args = [], []
        if ids is not None:
            where.append(f"s.id IN ({','.join('?' * len(ids))})")
            args += ids
        if storyline_id is not None:
            where.append("s.storyline_num = (SELECT num FROM storylines WHERE id = ?)")
            args.append(storyline_id)
        # the stories of an entity's or an outlet's articles: work in proportion to those, not the archive
        if entity_ids is not None:
            where.append("s.id IN (SELECT d.story_id FROM article_entities ae JOIN search_docs d ON d.num = ae.article_num"
                         f" WHERE ae.entity_id IN ({','.join('?' * len(entity_ids))}))")
            args += sorted(entity_ids)
        if source is not None:
            where.append("s.id IN (SELECT story_id FROM search_docs WHERE source = ?)")
            args.append(source)
        if since:
            where.append("s.last >= ?")  # an undated story (NULL) is left out, as before
            args.append(since)
        if until:
            where.append("coalesce(s.first, '9999') <= ?")
            args.append(until)
        filtered = f"SELECT s.num FROM stories s {'WHERE ' + ' AND '.join(where) if where else ''}"
        rank: dict[int, int] | None = None  # the page's order, when it is ranked here rather than in SQL
        if sort == "importance" and (since or until):
            ranked = self._ranked_in_range(since, until, filtered, args)
            page = ranked[offset:] if limit < 0 else ranked[offset:offset + limit]
            filtered, args = f"SELECT s.num FROM stories s WHERE s.num IN ({','.join('?' * len(page))})", page
            limit, offset = -1, 0
            rank = {num: k for k, num in enumerate(page)}
        order = STORY_ORDER[sort]
        rows = self.db.execute(
            "SELECT s.*, l.id AS storyline_id,"
            " (SELECT json_group_array(a.id) FROM (SELECT id FROM articles WHERE story_id = s.id"
            "   ORDER BY published IS NULL, published, num) a) AS article_ids,"
            " (SELECT json_group_array(DISTINCT source) FROM articles WHERE story_id = s.id AND source IS NOT NULL) AS outlets,"
            " (SELECT json_group_array(e.id) FROM (SELECT id FROM events WHERE story_num = s.num"
            "   ORDER BY date IS NULL, date, num) e) AS event_ids"
            f" FROM ({filtered} ORDER BY {order} LIMIT ? OFFSET ?) page"  # DESC: undated (NULL) last; stories_last index
            " JOIN stories s ON s.num = page.num LEFT JOIN storylines l ON l.num = s.storyline_num"
            f" ORDER BY {order}", [*args, limit, offset]).fetchall()
        if rank is not None:
            rows.sort(key=lambda row: rank[row["num"]])
        for row in rows:
            yield {"kind": "story", "id": row["id"], "title": row["title"],
                   "article_ids": json.loads(row["article_ids"]), "start": row["first"], "end": row["last"],
                   "summary": " ".join(json.loads(row["summary"])), "storyline_id": row["storyline_id"],
                   "event_ids": json.loads(row["event_ids"]), "sources": sorted(json.loads(row["outlets"])),
                   "importance": row["importance"]}

    def _ranked_in_range(self, since: str | None, until: str | None, filtered: str, args: list[Any]) -> list[int]:
        """The filtered stories with articles published in [since, until], most important there first."""
        window: dict[int, list[dict[str, Any]]] = {}
        for num, source, published, genre in self.db.execute(
                f"SELECT s.num, a.source, a.published, a.genre FROM articles a JOIN stories s ON s.id = a.story_id"
                f" WHERE a.published BETWEEN ? AND ? AND s.num IN ({filtered})",
                [since or "0000", until or "9999", *args]):
            window.setdefault(num, []).append({"source": source, "published": published, "genre": genre})
        score = {num: importance(members) for num, members in window.items()}
        return sorted(score, key=lambda num: (-score[num], -num))

    def storylines(self, ids: list[str] | None = None, *, limit: int = -1, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Storylines, the one with the newest story first; each with its dated story list."""
        where, args = (f"WHERE l.id IN ({','.join('?' * len(ids))})", ids) if ids is not None else ("", [])
        page = self.db.execute(
            "SELECT l.num, l.id, l.label, max(s.last) AS last FROM storylines l JOIN stories s ON s.storyline_num = l.num"
            f" {where} GROUP BY l.num ORDER BY last DESC, l.num DESC LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
        members: dict[int, list[dict[str, Any]]] = {num: [] for num, *_ in page}
        for i in range(0, len(page), 500):  # SQLite caps the number of parameters
            nums = [num for num, *_ in page[i:i + 500]]
            for line, id_, first, title in self.db.execute(
                    "SELECT storyline_num, id, first, title FROM stories"
                    f" WHERE storyline_num IN ({','.join('?' * len(nums))}) ORDER BY first IS NULL, first, num", nums):
                members[line].append({"id": id_, "first": first, "title": title})
        for num, id_, label, _ in page:
            stories = members[num]
            dates = [s["first"] for s in stories if s["first"]]
            yield {"kind": "storyline", "id": id_, "label": label, "story_ids": [s["id"] for s in stories],
                   "start": min(dates, default=None), "end": max(dates, default=None),
                   "timeline": [{"story_id": s["id"], "date": s["first"], "title": s["title"]} for s in stories]}

    def events(self, types: set[str] | None = None, *, story_id: str | None = None,
               entity_id: str | None = None, limit: int = -1, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Events newest first (undated last), optionally of these types, of one story, or
        with one entity among the participants or as the place."""
        where, args = [], []
        if types:
            where.append(f"e.type IN ({','.join('?' * len(types))})")
            args += sorted(types)
        if story_id is not None:
            where.append("s.id = ?")
            args.append(story_id)
        if entity_id is not None:
            where.append("(e.place = ? OR EXISTS (SELECT 1 FROM json_each(e.participants) p WHERE p.value = ?))")
            args += [entity_id, entity_id]
        where = "WHERE " + " AND ".join(where) if where else ""
        rows = self.db.execute(
            "SELECT e.*, s.id AS story_id FROM events e JOIN stories s ON s.num = e.story_num"
            f" {where} ORDER BY e.date IS NULL, e.date DESC, e.num LIMIT ? OFFSET ?", [*args, limit, offset])
        for r in rows:
            yield {"kind": "event", "id": r["id"], "type": r["type"], "participants": json.loads(r["participants"]),
                   "actors": json.loads(r["actors"]),
                   "place": r["place"], "date": r["date"], "article_ids": json.loads(r["article_ids"]),
                   "topics": json.loads(r["topics"]), "evidence": r["evidence"], "story_id": r["story_id"]}
