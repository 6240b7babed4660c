"""The entity tables of the store: canonical entities, their spellings and lookup keys."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rasd.record import digest
from rasd.understand.names import candidates, skeleton


class EntityTable:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def find(self, key: str, type_: str) -> list[int]:
        return [n for (n,) in self.db.execute(
            "SELECT entity_num FROM entity_keys WHERE key = ? AND type = ?", (key, type_))]

    def create(self, type_: str, name: str, seed: str) -> int:
        cur = self.db.execute("INSERT INTO entities (id, type, name) VALUES (?, ?, ?)",
                              (digest("entity", type_, seed, size=6), type_, name))
        return cur.lastrowid

    def id_of(self, num: int) -> str:
        return self.db.execute("SELECT id FROM entities WHERE num = ?", (num,)).fetchone()[0]

    def name_of(self, num: int) -> str:
        return self.db.execute("SELECT name FROM entities WHERE num = ?", (num,)).fetchone()[0]

    def rename(self, num: int, name: str) -> None:
        self.db.execute("UPDATE entities SET name = ? WHERE num = ?", (name, num))

    def add_keys(self, num: int, type_: str, keys: list[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO entity_keys (key, type, entity_num) VALUES (?, ?, ?)",
                            [(k, type_, num) for k in keys])

    def add_mentions(self, num: int, variants: dict[str, int]) -> None:
        self.db.executemany(
            "INSERT INTO entity_variants (entity_num, variant, count) VALUES (?, ?, ?) "
            "ON CONFLICT(entity_num, variant) DO UPDATE SET count = count + excluded.count",
            [(num, v, c) for v, c in variants.items()])
        self.db.execute("UPDATE entities SET mentions = mentions + ? WHERE num = ?", (sum(variants.values()), num))

    def add_titles(self, num: int, titles: dict[str, int], day: str | None) -> None:
        self.db.executemany(
            "INSERT INTO entity_titles (entity_num, title, first, last, count) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(entity_num, title) DO UPDATE SET count = count + excluded.count, "
            "first = CASE WHEN first IS NULL OR excluded.first < first THEN excluded.first ELSE first END, "
            "last = CASE WHEN last IS NULL OR excluded.last > last THEN excluded.last ELSE last END",
            [(num, t, day, day, c) for t, c in titles.items()])

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        self.db.execute("SAVEPOINT resolve")
        try:
            yield
        except Exception:
            self.db.execute("ROLLBACK TO resolve")
            self.db.execute("RELEASE resolve")
            raise
        self.db.execute("RELEASE resolve")

    def ids_for(self, name: str) -> set[str]:
        """Ids of the entities a name may refer to, however it is spelt: looked up under the
        keys the resolver (rasd.understand.entities) files entities by."""
        nums: set[int] = set()
        for form in candidates(name):
            for t in ("PER", "ORG", "LOC"):
                for key in ("n:" + form, "s:" + skeleton(form), "f:" + skeleton(form)):
                    nums.update(self.find(key, t))
        return {self.id_of(n) for n in nums}

    def spellings(self, ids: list[str]) -> list[str]:
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f"SELECT e.name FROM entities e WHERE e.id IN ({marks}) UNION ALL "
            f"SELECT variant FROM (SELECT v.variant, v.count FROM entity_variants v JOIN entities e ON e.num = v.entity_num"
            f" WHERE e.id IN ({marks}) ORDER BY v.count DESC LIMIT 50)", [*ids, *ids])
        return [r[0] for r in rows]

    def all(self, type_: str | None = None, *, ids: list[str] | None = None,
            limit: int = -1, offset: int = 0) -> Iterator[dict[str, Any]]:
        """Entities, most mentioned first, as export-contract dicts."""
        where, args = [], []
        if type_:
            where.append("e.type = ?")
            args.append(type_)
        if ids is not None:
            where.append(f"e.id IN ({','.join('?' * len(ids))})")
            args += ids
        rows = self.db.execute(  # the page is chosen first (entities_mentions index), its variants read after
            "SELECT e.id, e.type, e.name, e.mentions, "
            "(SELECT json_group_array(variant) FROM (SELECT variant FROM entity_variants v "
            " WHERE v.entity_num = e.num ORDER BY count DESC, variant)) AS variants, "
            "(SELECT json_group_array(json_object('text', title, 'first', first, 'last', last, 'count', count))"
            " FROM (SELECT * FROM entity_titles t WHERE t.entity_num = e.num ORDER BY count DESC, title)) AS titles "
            f"FROM (SELECT e.num FROM entities e {'WHERE ' + ' AND '.join(where) if where else ''}"
            " ORDER BY e.mentions DESC, e.name LIMIT ? OFFSET ?) p JOIN entities e ON e.num = p.num"
            " ORDER BY e.mentions DESC, e.name", [*args, limit, offset])
        for row in rows:
            yield {"kind": "entity", "id": row[0], "type": row[1], "name": row[2],
                   "variants": json.loads(row[4]), "mentions": row[3], "titles": json.loads(row[5])}

    def get(self, entity_id: str) -> dict[str, Any] | None:
        return next(self.all(ids=[entity_id]), None)

    def count(self, type_: str | None = None) -> int:
        where, args = ("WHERE type = ?", (type_,)) if type_ else ("", ())
        return self.db.execute(f"SELECT count(*) FROM entities {where}", args).fetchone()[0]
