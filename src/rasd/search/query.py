"""From what a user typed to an FTS5 MATCH expression: words, clitics, entity variants.

User input never reaches MATCH as written: it is cut into normalised words (see
`rasd.search.tokens`), every term is quoted, and the expression is built here from groups:

- a plain word is one term, its clitic-free form when the corpus says the letters in front
  are clitics (below);
- a run of up to four words that names known entities (`entity_ids`, any spelling) is one
  group of alternatives: the words as typed, or any spelling of those entities that the
  store has seen (ترمب → ترامب, دونالد ترامب).

Groups are joined with AND (the articles listed first), with NEAR (every group one term:
the words close together, first of all) and with OR (the articles with some of them, last).

Which form of a query word to look up: the article ال comes off when three letters or more
remain (الرئيس → رئيس,
which every form of the word is indexed under). A leading و ف ب ل ك comes off only when
the corpus knows the shorter word much better: in at least twice as many articles
(والرئيس → الرئيس, وبوتين → بوتين, but بوتين stays بوتين, not وتين, and وزارة not زارة,
because those shorter "words" only ever occur inside the longer ones).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from rasd.search.tokens import forms, words
from rasd.stories.terms import STOPWORDS

MAX_WORDS = 16  # words of a query that are used; the rest is ignored
MAX_SPAN = 4  # longest name looked up among the entities
MAX_ENTITIES = 3  # a name that may mean more entities than this is searched as words only
MAX_ALTERNATIVES = 12  # spellings of one entity group
NEAR_GAP = 8  # index tokens allowed between two query words for them to count as close


@dataclass(slots=True)
class Group:
    """One unit of the query: any of `alternatives` (each: all of its terms) must match."""

    text: str  # the query words it came from (normalised)
    alternatives: list[tuple[str, ...]]
    entity_ids: list[str] = field(default_factory=list)

    def expression(self) -> str:
        alts = [" AND ".join(f'"{t}"' for t in alt) for alt in self.alternatives]
        return "(" + " OR ".join(f"({a})" if len(alt) > 1 else a for a, alt in zip(alts, self.alternatives)) + ")"


@dataclass(slots=True)
class Plan:
    groups: list[Group]

    @property
    def terms(self) -> set[str]:
        """Every index term the query looks for (to mark matches in snippets)."""
        return {t for g in self.groups for alt in g.alternatives for t in alt}

    def expression(self, mode: str = "all") -> str:
        return f" {'AND' if mode == 'all' else 'OR'} ".join(g.expression() for g in self.groups)

    def near(self) -> str | None:
        """The query's words close together (next to each other, give or take the index
        forms of a word and a function word between them), when every group is one term."""
        if len(self.groups) < 2 or any(len(g.alternatives) != 1 or len(g.alternatives[0]) != 1 for g in self.groups):
            return None
        return "NEAR(" + " ".join(f'"{g.alternatives[0][0]}"' for g in self.groups) + f", {NEAR_GAP * (len(self.groups) - 1)})"


def term_for(word: str, df: Callable[[str], int]) -> str:
    """The form of a normalised query word to look up (see the module's docstring)."""
    candidates = forms(word)
    if not candidates:
        return word
    current = candidates[0]
    for form in candidates[1:]:
        if form in STOPWORDS:
            continue
        if current.startswith("ال") and form == current[2:]:
            if len(form) >= 3:
                current = form
        elif df(form) >= 2 * df(current) and df(form) > 0:
            current = form
    return current


def vocabulary(db: sqlite3.Connection) -> Callable[[str], int]:
    """Document counts of index terms, looked up once per query."""
    seen: dict[str, int] = {}

    def df(term: str) -> int:
        if term not in seen:
            row = db.execute("SELECT doc FROM search_vocab WHERE term = ?", (term,)).fetchone()
            seen[term] = row[0] if row else 0
        return seen[term]

    return df


def plan(store, query: str, *, entities: bool = True) -> Plan:
    """The groups of `query`; none when it has no searchable word."""
    ws = words(query or "")[:MAX_WORDS]
    content = [w for w in ws if w not in STOPWORDS]
    df = vocabulary(store.db)
    groups: list[Group] = []
    i = 0
    while i < len(content):
        group = _entity_group(store, content, i, df) if entities else None
        if group is None:
            group = Group(content[i], [(term_for(content[i], df),)])
        groups.append(group)
        i += len(group.text.split())
    return Plan(_unique_groups(groups))


def _entity_group(store, ws: list[str], i: int, df: Callable[[str], int]) -> Group | None:
    from rasd.understand.entities import entity_ids  # not at import time: the store imports this package

    for size in range(min(MAX_SPAN, len(ws) - i), 0, -1):
        span = " ".join(ws[i:i + size])
        ids = entity_ids(store.entities, span)
        if not ids or len(ids) > MAX_ENTITIES:
            continue
        typed = _name_terms(span, df)
        alternatives = [typed] if typed else []
        for spelling in _variants(store.db, sorted(ids)):
            terms = _name_terms(spelling, df)
            for alt in (_mates(typed, terms), terms):
                if alt and alt not in alternatives:
                    alternatives.append(alt)
        return Group(span, _minimal(alternatives)[:MAX_ALTERNATIVES], sorted(ids))
    return None


def _name_terms(name: str, df: Callable[[str], int]) -> tuple[str, ...]:
    """The terms of a name without its titles ("الرئيس بوتين" → بوتين)."""
    from rasd.understand.names import strip_title

    return tuple(dict.fromkeys(term_for(w, df) for w in words(strip_title(" ".join(words(name))))
                               if w not in STOPWORDS))


def _mates(typed: tuple[str, ...], spelling: tuple[str, ...]) -> tuple[str, ...] | None:
    """The words of another spelling of a name that stand for the words typed, by their
    skeleton (ترمب → ترامب of "دونالد ترامب"); None unless every typed word has one."""
    from rasd.understand.names import skeleton

    by_skeleton = {skeleton(w): w for w in spelling}
    found = tuple(by_skeleton.get(skeleton(w)) for w in typed)
    return found if typed and all(found) else None


def _variants(db: sqlite3.Connection, ids: list[str]) -> list[str]:
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        f"SELECT e.name FROM entities e WHERE e.id IN ({marks}) UNION ALL "
        f"SELECT variant FROM (SELECT v.variant, v.count FROM entity_variants v JOIN entities e ON e.num = v.entity_num"
        f" WHERE e.id IN ({marks}) ORDER BY v.count DESC LIMIT 50)", [*ids, *ids])
    return [r[0] for r in rows]


def _minimal(alternatives: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Drop an alternative that asks for more than another one does (a superset of its terms)."""
    sets = [set(a) for a in alternatives]
    return [a for a, s in zip(alternatives, sets) if not any(o < s for o in sets)]


def _unique_groups(groups: list[Group]) -> list[Group]:
    out: list[Group] = []
    for g in groups:
        if all(g.alternatives != o.alternatives for o in out):
            out.append(g)
    return out
