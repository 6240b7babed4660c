"""Everything a run leaves in a store, as comparable text: the export (sorted) and every
counter table, with the checks that tie counters to what is stored. Two runs that should
agree (one killed and resumed, one not) must give equal snapshots."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

from rasd.search.engine import search
from rasd.store import Store

# counter tables, with the columns that must agree (row numbers and times may differ)
TABLES = {
    "entities": "SELECT id, type, name, mentions FROM entities",
    "entity_variants": "SELECT e.id, v.variant, v.count FROM entity_variants v JOIN entities e ON e.num = v.entity_num",
    "entity_keys": "SELECT k.key, k.type, e.id FROM entity_keys k JOIN entities e ON e.num = k.entity_num",
    "site_chrome": "SELECT source, line, pages FROM site_chrome",
    "term_df": "SELECT term, df FROM term_df",
    "stories": "SELECT s.id, s.first, s.last, s.articles, s.summed, s.centroid, s.title, s.summary, l.id, s.dirty"
               " FROM stories s LEFT JOIN storylines l ON l.num = s.storyline_num",
    "story_keys": "SELECT k.key, k.last, s.id FROM story_keys k JOIN stories s ON s.num = k.story_num",
    "storylines": "SELECT id, label, centroid, dirty FROM storylines",
    "events": "SELECT e.id, s.id, e.type, e.date, e.place, e.participants, e.article_ids FROM events e"
              " JOIN stories s ON s.num = e.story_num",
    "pages": "SELECT key, page, path FROM pages",
    "errors": "SELECT key, page, path, reason FROM errors",
    "search_docs": "SELECT a.id, d.canonical, d.published, d.source, d.story_id FROM search_docs d"
                   " JOIN articles a ON a.num = d.num",
    "article_entities": "SELECT x.entity_id, a.id, x.published, x.canonical FROM article_entities x"
                        " JOIN articles a ON a.num = x.article_num",
    "minhash_bands": "SELECT b.key, a.id FROM minhash_bands b JOIN articles a ON a.num = b.article_num",
    "search_index_rows": "SELECT count(*) FROM search_index",
}


# searches whose answers must agree too: a person (spelling variants), an outlet's words, a topic
QUERIES = ["سامر الخطيب", "وزارة الخارجية", "الطاقة المتجددة", "الرياض", "الأمن الغذائي"]


def snapshot(db: Path) -> dict[str, list[str]]:
    exported = subprocess.run([sys.executable, "-m", "rasd.cli", "export", "--db", str(db)],
                              capture_output=True, text=True, check=True).stdout
    snap = {"export": sorted(exported.splitlines())}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        for name, sql in TABLES.items():
            snap[name] = sorted(json.dumps(list(row), ensure_ascii=False) for row in con.execute(sql))
    with Store(db, readonly=True) as store:
        for query in QUERIES:  # hits with their scores; ties may come in either order (row numbers differ)
            found = search(store, query, limit=100)
            snap[f"search {query}"] = [str(found["total"]), str(found["matched_all"]),
                                       *sorted(f"{r['article_id']} {r['score']}" for r in found["results"])]
    return snap


def counter_problems(db: Path) -> list[str]:
    """Counters that disagree with what is stored (an empty list: all agree)."""
    problems = []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        stored: Counter[str] = Counter()
        for (entities,) in con.execute("SELECT entities FROM articles"):
            stored.update(m["entity_id"] for m in json.loads(entities) if m.get("entity_id"))
        for entity_id, mentions in con.execute("SELECT id, mentions FROM entities"):
            if stored[entity_id] != mentions:
                problems.append(f"entity {entity_id}: counter {mentions}, stored mentions {stored[entity_id]}")
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        for what, sql in (("story article counts", "SELECT sum(articles) FROM stories"),
                          ("search index rows", "SELECT count(*) FROM search_index"),
                          ("search docs", "SELECT count(*) FROM search_docs")):
            value = con.execute(sql).fetchone()[0] or 0
            if value != n:
                problems.append(f"{what}: {value}, articles {n}")
        canonical = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
        df = con.execute("SELECT df FROM term_df WHERE term = '#articles'").fetchone()
        if (df[0] if df else 0) != canonical:
            problems.append(f"term_df #articles {df}, canonical articles {canonical}")
        pages = con.execute("SELECT count(*) FROM pages").fetchone()[0]
        with_articles = con.execute("SELECT count(DISTINCT page_key) FROM articles").fetchone()[0]
        if pages != with_articles:
            problems.append(f"pages {pages}, pages with articles {with_articles}")
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
    return problems
