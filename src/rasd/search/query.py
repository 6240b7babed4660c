"""From what a user typed to a query `Plan` (rasd.store.base): words, clitics, entity variants.

User input never reaches the index as written: it is cut into normalised words (see
`rasd.arabic.tokens`), and the plan is built here from groups of index terms:

- a plain word is one term, its clitic-free form when the corpus says the letters in front
  are clitics (below);
- a run of up to four words that names known entities (`EntityStore.ids_for`, any spelling) is one
  group of alternatives: the words as typed, or any spelling of those entities that the
  store has seen (ترمب → ترامب, دونالد ترامب).

The index looks for every group (the articles listed first; the words close together
first of all when every group is one term), then for some of them (last).

Which form of a query word to look up: the article ال comes off when three letters or more
remain (الرئيس → رئيس,
which every form of the word is indexed under). A leading و ف ب ل ك comes off only when
the corpus knows the shorter word much better: in at least twice as many articles
(والرئيس → الرئيس, وبوتين → بوتين, but بوتين stays بوتين, not وتين, and وزارة not زارة,
because those shorter "words" only ever occur inside the longer ones).
"""

from __future__ import annotations

from collections.abc import Callable

from rasd.arabic.lexicon import STOPWORDS
from rasd.arabic.tokens import forms, words
from rasd.store.base import Backend, Group, Plan
from rasd.arabic.normalize import normalize
from rasd.understand.names import is_given_name, skeleton, strip_title

MAX_WORDS = 16  # words of a query that are used; the rest is ignored
MAX_SPAN = 4  # longest name looked up among the entities
MAX_ENTITIES = 3  # a name that may mean more entities than this is searched as words only
MAX_ALTERNATIVES = 12  # spellings of one entity group


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


def vocabulary(store: Backend) -> Callable[[str], int]:
    """Document counts of index terms, looked up once per query."""
    seen: dict[str, int] = {}

    def df(term: str) -> int:
        if term not in seen:
            seen[term] = store.search.document_frequency(term)
        return seen[term]

    return df


def plan(store: Backend, query: str, *, entities: bool = True) -> Plan:
    """The groups of `query`; none when it has no searchable word."""
    ws = words(query or "")[:MAX_WORDS]
    content = [w for w in ws if w not in STOPWORDS]
    df = vocabulary(store)
    groups: list[Group] = []
    i = 0
    while i < len(content):
        group = _entity_group(store, content, i, df) if entities else None
        if group is None:
            group = Group(content[i], [(term_for(content[i], df),)])
        groups.append(group)
        i += len(group.text.split())
    return Plan(_unique_groups(groups))


def _entity_group(store: Backend, ws: list[str], i: int, df: Callable[[str], int]) -> Group | None:
    for size in range(min(MAX_SPAN, len(ws) - i), 0, -1):
        span = " ".join(ws[i:i + size])
        ids = store.entities.ids_for(span)
        if not ids or len(ids) > MAX_ENTITIES:
            continue
        typed = _name_terms(span, df)
        alternatives = [typed] if typed else []
        for spelling in store.entities.spellings(sorted(ids)):
            if is_given_name(strip_title(normalize(spelling))):
                continue  # "الملك سلمان" is the king in its article, but سلمان alone is anyone
            terms = _name_terms(spelling, df)
            for alt in (_mates(typed, terms), terms):
                if alt and alt not in alternatives:
                    alternatives.append(alt)
        return Group(span, _minimal(alternatives)[:MAX_ALTERNATIVES], sorted(ids))
    return None


def _name_terms(name: str, df: Callable[[str], int]) -> tuple[str, ...]:
    """The terms of a name without its titles ("الرئيس بوتين" → بوتين)."""
    return tuple(dict.fromkeys(term_for(w, df) for w in words(strip_title(" ".join(words(name))))
                               if w not in STOPWORDS))


def _mates(typed: tuple[str, ...], spelling: tuple[str, ...]) -> tuple[str, ...] | None:
    """The words of another spelling of a name that stand for the words typed, by their
    skeleton (ترمب → ترامب of "دونالد ترامب"); None unless every typed word has one."""
    by_skeleton = {skeleton(w): w for w in spelling}
    found = tuple(by_skeleton.get(skeleton(w)) for w in typed)
    return found if typed and all(found) else None


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
