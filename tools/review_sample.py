"""Random quotes, events and stories from a store, and its top entities, for reading by hand.

    .venv/bin/python tools/review_sample.py rasd.db [--seed 5] [--n 20] [--day 2015-08-10] > /tmp/review.txt

What an analyst would open first, drawn with a fixed seed so that two versions of Rasd can be
judged on the same draw: top entities, random quotes, events, stories of several articles and
storylines (with their stories' days and titles), and with `--day` that day's top stories
(as `rasd stories --from D --to D --sort importance` lists them). Prints article text: write
it outside the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3

from rasd.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--day", help="also print this day's top stories by importance (YYYY-MM-DD)")
    args = parser.parse_args()
    rng, n = random.Random(args.seed), args.n
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    names = dict(con.execute("SELECT id, name FROM entities"))
    for type_ in ("PER", "ORG", "LOC"):
        print(f"== top {type_}")
        for name, mentions in con.execute("SELECT name, mentions FROM entities WHERE type = ?"
                                          " ORDER BY mentions DESC LIMIT ?", (type_, n)):
            print(f"  {mentions:6d}  {name}")
    quotes = [(r["text"], q) for r in con.execute("SELECT text, quotes FROM articles WHERE duplicate_of IS NULL"
                                                  " AND quotes != '[]'") for q in json.loads(r["quotes"])]
    print(f"== quotes ({len(quotes)})")
    for text, q in rng.sample(quotes, min(n, len(quotes))):
        print(f"  [{q.get('speaker')!r} -> {names.get(q.get('speaker_id'), '-')}] {text[q['start']:q['end']][:200]!r}")
    events = con.execute("SELECT type, date, place, participants, evidence FROM events").fetchall()
    print(f"== events ({len(events)})")
    for e in rng.sample(events, min(n, len(events))):
        who = [names.get(p, p) for p in json.loads(e["participants"])]
        print(f"  {e['type']} {e['date']} where={names.get(e['place'], e['place'])} who={who}\n      {e['evidence'][:240]!r}")
    stories = con.execute("SELECT id, title, articles FROM stories WHERE articles > 1").fetchall()
    print(f"== stories of several articles ({len(stories)})")
    for s in rng.sample(stories, min(n, len(stories))):
        print(f"  {s['id']} ({s['articles']} articles): {s['title']!r}")
        for (title,) in con.execute("SELECT title FROM articles WHERE story_id = ? ORDER BY num LIMIT 8", (s["id"],)):
            print(f"      - {(title or '')[:120]}")
    storylines = con.execute("SELECT num, id, label FROM storylines").fetchall()
    print(f"== storylines ({len(storylines)})")
    for line in rng.sample(storylines, min(n, len(storylines))):
        members = con.execute("SELECT first, articles, title FROM stories WHERE storyline_num = ? ORDER BY first",
                              (line["num"],)).fetchall()
        print(f"  {line['id']} {line['label']!r} ({len(members)} stories)")
        for m in members[:8]:
            print(f"      {m['first']} [{m['articles']}] {(m['title'] or '')[:110]}")
    if args.day:
        print(f"== top stories of {args.day}")
        with Store(args.db, readonly=True) as store:
            for s in store.stories.stories(args.day, args.day, sort="importance", limit=n):
                print(f"  {s['importance']:.2f} ({len(s['article_ids'])} articles, {len(s['sources'])} outlets,"
                      f" {s['start']}..{s['end']}): {s['title']!r}")
                for (day, title) in con.execute("SELECT published, title FROM articles WHERE story_id = ?"
                                                " ORDER BY published, num LIMIT 6", (s["id"],)):
                    print(f"      - {day} {(title or '')[:120]}")

if __name__ == "__main__":
    main()
