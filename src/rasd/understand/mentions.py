"""MentionTagger stage: named-entity mentions (PER, ORG, LOC) with offsets into the text.

The shipped model (rasd.understand.ner) is loaded on first use in each process, so a
worker pool does not have to pickle it. What the tagger marks is checked against the
lexicon: a currency, a weekday or a particle is never a name ("ريال شهريا", "لي"), a
particle glued before a name is not part of it ("بأن عبدالفتاح"), and an outlet does not
become an entity of its own pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from rasd.arabic.lexicon import OUTLET_NOUNS, load, proclitic_forms, strip_proclitics
from rasd.arabic.normalize import normalize
from rasd.record import Article
from rasd.understand.names import NATIONALITY

TYPES = ("PER", "ORG", "LOC")
NOT_ENTITIES = frozenset(load("not_entities"))
GLUED = frozenset(load("glued_particles"))
# "صلاة المغرب": a word that names nothing after these words (not_entity_after.txt)
NOT_ENTITY_AFTER = frozenset(tuple(line.rsplit(" ", 1)) for line in load("not_entity_after"))
OUTLET_NAMES = frozenset(load("outlet_names"))
_WORD = re.compile(r"\S+")
_OUTLET_BEFORE = re.compile(r"(?:[«\"“]|(?<!\S)لـ?)\s*$")  # quote marks or a detached لـ


def clean_mention(mention: dict, text: str, source: str | None = None) -> dict | None:
    """The mention without particles glued before it, or None when nothing of a name is left."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, mention["start"], mention["end"])]
    while words and _is(text[words[0][0]:words[0][1]], GLUED):
        words.pop(0)
    listed = [_is(text[s:e], NOT_ENTITIES | GLUED) for s, e in words]
    if not words or any(listed) and all(x or NATIONALITY.match(normalize(text[s:e])) for x, (s, e) in zip(listed, words)):
        return None  # "ريال", "الريال السعودي"; but السعودية alone is the country
    if mention["type"] == "PER":  # "سلمان بن عبدالعزيز آل سعود برقية": the name ends with the family after آل
        family = next((i for i, (s, e) in enumerate(words[:-1]) if i and normalize(text[s:e]) == "ال"), None)
        words = words[:family + 2] if family is not None else words
    start, end = words[0][0], words[-1][1]
    name = normalize(text[start:end])
    if source and _names_outlet(name, normalize(source)):
        return None  # the outlet naming itself ("رابط الخبر بصحيفة X", "X - الرياض")
    before = text[max(0, start - 30):start]
    if len(words) == 1 and before.split() and \
            (strip_proclitics(normalize(before.split()[-1])), strip_proclitics(name)) in NOT_ENTITY_AFTER:
        return None  # "صلاة المغرب" is a prayer time, not Morocco
    type_ = mention["type"]
    if type_ != "ORG" and _outlet_as_written(name, before):
        type_ = "ORG"  # "قال لـ«الشرق الأوسط»": the newspaper, not the region
    if (start, end, type_) == (mention["start"], mention["end"], mention["type"]):
        return mention
    return {**mention, "text": text[start:end], "start": start, "end": end, "type": type_}


def _outlet_as_written(name: str, before: str) -> bool:
    """An outlet's name in quote marks or glued to لـ ("لـ«الشرق الأوسط»", "للشرق الأوسط")."""
    if name in OUTLET_NAMES:
        return bool(_OUTLET_BEFORE.search(before))
    return name[:1] == "ل" and not OUTLET_NAMES.isdisjoint(proclitic_forms(name))


PERSON_LISTS = ("PER", "WD", "tPER", "wPER")  # the tagger's gazetteer types that name people


def split_conjoined(mentions: list[dict], text: str, names: Callable[[str], list[str]] = lambda w: []) -> list[dict]:
    """"بوتين وزيلينسكي" tagged as one person is two when the word after و is a name on its own
    (the article names it alone, or the name lists know زيلينسكي but not وزيلينسكي): the
    mention splits at the و. "مايك والتز" stays whole (the lists know والتز)."""
    alone = {normalize(m["text"]).split()[0] for m in mentions}

    def second_name(word: str) -> bool:
        return word[1:] in alone or (not set(names(word)) & set(PERSON_LISTS) and bool(set(names(word[1:])) & set(PERSON_LISTS)))

    out = []
    for m in mentions:
        cut = None
        if m["type"] == "PER":
            for w in list(_WORD.finditer(text, m["start"], m["end"]))[1:]:
                word = normalize(w.group())
                if word.startswith("و") and len(word) > 4 and second_name(word):
                    cut = w
                    break
        if cut is None:
            out.append(m)
            continue
        head = text[m["start"]:cut.start()].rstrip()
        out.append({**m, "text": head, "end": m["start"] + len(head)})
        out.append({**m, "text": text[cut.start():m["end"]], "start": cut.start()})
    return out


def _names_outlet(mention: str, source: str) -> bool:
    """"بصحيفة الندى" or "الندى" on a page of "صحيفة الندى"."""
    head, _, rest = source.partition(" ")
    names = {source} | ({rest} if rest and strip_proclitics(head, article=True) in OUTLET_NOUNS else set())
    return any(mention[k:] in names for k in range(3))  # with up to two proclitic letters


def _is(word: str, words: frozenset[str]) -> bool:
    norm = normalize(word).strip("،,.:؛")
    return norm in words or strip_proclitics(norm, article=True) in words or strip_proclitics(norm) in words


class MentionTagger:
    name = "ner"
    parallel = True

    def __init__(self) -> None:
        self._tagger = None

    def __getstate__(self) -> dict:
        return {}  # a fresh, unloaded tagger in each worker

    def __setstate__(self, state: dict) -> None:
        self._tagger = None

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                if self._tagger is None:
                    from rasd.understand.ner.tagger import NerTagger

                    self._tagger = NerTagger.load()
                spans = ({"text": s.text, "start": s.start, "end": s.end, "type": s.label, "entity_id": None}
                         for s in self._tagger.spans(article.text) if s.label in TYPES)
                cleaned = [m for m in (clean_mention(s, article.text, article.source) for s in spans) if m]
                gazetteer = self._tagger.featurizer.gazetteer
                article.entities = split_conjoined(cleaned, article.text, lambda w: (gazetteer.phrases.get(w) if gazetteer else None) or [])
            yield article
