"""One Arabic lexicon: the word lists every stage shares, and the one way proclitics come off.

Word lists are data files next to this module (plain UTF-8, one entry a line, `#` starts a
comment), normalised on loading with `rasd.arabic.normalize`, so they are written as any
writer would and matched on normalised text.

Proclitics follow one convention: the word is normalised, the conjunction (و ف) comes off,
then a preposition (ب ل ك) when the article follows it (لل is ل + ال), then, only when the
caller asks, the article itself. A letter stays when what would remain is too short or
when the whole word is one the lexicon knows (وليد is not و + ليد). Callers that need the
original text use `strip_as_written`, which maps the cut back onto the text as written.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from functools import cache, lru_cache
from importlib import resources

from rasd.arabic.normalize import normalize

CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
ARTICLE = "ال"
MIN_STEM = 3  # letters that must remain after a conjunction or preposition comes off
MIN_AFTER_ARTICLE = 2  # and after the article (الأمن → امن, but الم stays)
# Proclitics before a word, as regular expressions over normalised text ("والخميس", "بالأمس").
CONJUNCTION_PATTERN = f"[{CONJUNCTIONS}]"
PROCLITIC_PATTERN = f"(?:{CONJUNCTION_PATTERN}?[{PREPOSITIONS}]?)"


@cache
def load(name: str) -> tuple[str, ...]:
    """The normalised entries of the data file `name` (e.g. "stopwords"), in file order, once each."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (normalize(line.split("#", 1)[0]) for line in text.splitlines())
    return tuple(dict.fromkeys(e for e in entries if e))


SPEECH_VERBS: tuple[str, ...] = load("speech_verbs")
# the speech verbs that report a statement on their own (no quoted words needed)
STATEMENT_VERBS: tuple[str, ...] = tuple(v for v in SPEECH_VERBS if v not in load("speech_verbs_other_senses"))
WHOLE_WORDS: frozenset[str] = frozenset(load("whole_words"))
# nouns that head an outlet's name (صحيفة، وكالة …): quotes relayed through one, an outlet's own name
OUTLET_NOUNS: frozenset[str] = frozenset(load("outlet_nouns"))


def _speech_verb_forms() -> Iterator[str]:
    """قال, قالت, وقال, وقالت: the forms of a speech verb that are filler in any news text."""
    for verb in SPEECH_VERBS:
        for form in (verb, verb + "ت"):
            yield form
            yield "و" + form


STOPWORDS: frozenset[str] = frozenset(load("stopwords")) | frozenset(_speech_verb_forms())


@lru_cache(maxsize=1 << 17)
def split_proclitics(word: str, *, article: bool = False, min_stem: int = MIN_STEM) -> tuple[str, str]:
    """(proclitics, rest) of a word, both normalised; see the module's docstring. For لل the
    proclitic is ل and the rest starts with ال again (للرئيس → ل + الرييس)."""
    rest = normalize(word)
    if rest in WHOLE_WORDS:
        return "", rest
    clitics = ""
    if rest[:1] in CONJUNCTIONS and len(rest) - 1 >= min_stem:
        clitics, rest = rest[0], rest[1:]
    if rest.startswith("لل") and len(rest) - 2 >= MIN_AFTER_ARTICLE:
        clitics, rest = clitics + "ل", ARTICLE + rest[2:]
    elif rest[:1] in PREPOSITIONS and rest[1:].startswith(ARTICLE) and len(rest) - 3 >= MIN_AFTER_ARTICLE:
        # a preposition only before the article: بوتين, لبنان, كندا begin with these letters
        clitics, rest = clitics + rest[0], rest[1:]
    if article and rest.startswith(ARTICLE) and len(rest) - 2 >= MIN_AFTER_ARTICLE:
        clitics, rest = clitics + ARTICLE, rest[2:]
    return clitics, rest


def strip_proclitics(word: str, *, article: bool = False, min_stem: int = MIN_STEM) -> str:
    """The normalised word without its proclitics: وواشنطن → واشنطن, والرئيس → الرييس (with
    article=True: رييس), بالرياض → الرياض; وليد, ولي stay."""
    return split_proclitics(word, article=article, min_stem=min_stem)[1]


def strip_as_written(text: str, known: Container[str] = ()) -> str:
    """`text` as written (spelling, hamza, harakat kept) without its first word's proclitics,
    the article kept: "وواشنطن" → "واشنطن", "وأوكرانيا" → "أوكرانيا", "للولايات المتحدة" →
    "الولايات المتحدة". A preposition before a word without the article (لموسكو) comes off
    only when the caller knows the rest (`known`: normalised words, e.g. {"موسكو"})."""
    text = text.strip()
    first = normalize(text.split(maxsplit=1)[0]) if text else ""
    rest = next((f for f in proclitic_forms(first)[1:] if f in known), None) or split_proclitics(first)[1]
    if rest == first:
        return text
    if first.endswith(rest):
        return text[_raw_offset(text, len(first) - len(rest)):]
    return "ا" + text[_raw_offset(text, len(first) - len(rest) + 1):]  # لل: ل + ال with its alef dropped


def _raw_offset(text: str, n: int) -> int:
    """The index in `text` after its first n normalised letters and the marks that go with them."""
    i = count = 0
    while i < len(text) and count < n:
        count += len(normalize(text[i]))
        i += 1
    while i < len(text) and not normalize(text[i]) and not text[i].isspace():
        i += 1  # a harakah or tatweel on the last proclitic
    return i


@lru_cache(maxsize=1 << 17)
def proclitic_forms(word: str) -> tuple[str, ...]:
    """The normalised word and what it may be without its proclitics (و ف ب ل ك ال), longest
    first. Whether a letter is a proclitic cannot be told from the word alone (بوتين starts
    with ب), so this lists the candidates and callers keep the one a lexicon or the corpus
    knows; a word the lexicon knows whole (وليد) is only itself."""
    word = normalize(word)
    if word in WHOLE_WORDS:
        return (word,)
    found = [word]
    rest = word
    if rest[:1] in CONJUNCTIONS and len(rest) - 1 >= MIN_STEM:
        rest = rest[1:]
        found.append(rest)
        if rest in WHOLE_WORDS:  # وبوتين: و + بوتين, not و + ب + وتين
            return tuple(found)
    if rest.startswith("لل") and len(rest) - 2 >= MIN_AFTER_ARTICLE:
        found += [ARTICLE + rest[2:], rest[2:]]
        return tuple(dict.fromkeys(found))
    if rest[:1] in PREPOSITIONS and len(rest) - 1 >= MIN_STEM:
        rest = rest[1:]
        found.append(rest)
    if rest.startswith(ARTICLE) and len(rest) - 2 >= MIN_AFTER_ARTICLE:
        found.append(rest[2:])
    return tuple(dict.fromkeys(found))
