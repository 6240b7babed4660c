"""How one name is written many ways: keys that make the variants of a name meet.

- `key`: the normalised name without proclitics and titles (والرئيس بوتين → بوتين).
- `skeleton`: the key without long vowels inside words, for transliterated names
  (ترمب/ترامب, الأميركي/الأمريكي); only for words of four letters or more, so short
  Arabic names that differ by a vowel (سمر/سمير) stay apart.
- `family`: a person's last name, to link "بوتين" to "فلاديمير بوتين".
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from rasd.arabic.normalize import normalize
from rasd.arabic.lexicon import load, proclitic_forms

# Titles and roles written before a name; not part of it.
TITLES = tuple(normalize(t) for t in (
    "الرئيس", "رئيس الوزراء", "رئيس الحكومة", "الملك", "الأمير", "ولي العهد", "الشيخ", "السيد", "السيدة",
    "الدكتور", "د.", "المستشار", "الوزير", "وزير الخارجية", "وزير الدفاع", "وزيرة الخارجية", "الجنرال",
    "المشير", "العقيد", "اللواء", "الإمام", "البابا", "المرشد", "النائب", "السفير", "المبعوث", "السيناتور",
    "الرئيسة", "المتحدث", "المتحدثة", "الزعيم", "القائد", "نظيره", "نظيرته",
))
# Nationality adjectives that follow a title: "الرئيس الروسي", "وزير الخارجية الأميركي".
NATIONALITY = re.compile(r"^ال\w+ي(?:ه)?$")

# Common short forms of organisations, both ways (normalised).
ALIASES = {normalize(a): normalize(b) for a, b in (
    ("الناتو", "حلف شمال الأطلسي"), ("ناتو", "حلف شمال الأطلسي"), ("حلف الأطلسي", "حلف شمال الأطلسي"),
    ("الحلف الأطلسي", "حلف شمال الأطلسي"), ("أوبك", "منظمة الدول المصدرة للنفط"), ("الأونروا", "وكالة الأونروا"),
    ("اليونسكو", "منظمة اليونسكو"), ("الفيفا", "الاتحاد الدولي لكرة القدم"), ("فيفا", "الاتحاد الدولي لكرة القدم"),
    ("أميركا", "الولايات المتحدة"), ("أمريكا", "الولايات المتحدة"),
    ("السعودية", "المملكة العربية السعودية"), ("الجامعة العربية", "جامعة الدول العربية"),
    ("الإمارات العربية المتحدة", "الإمارات"),
)}
# Words that name what kind of body follows: "حركة حماس" is حماس, "دولة الإمارات" الإمارات.
GENERIC = {normalize(w) for w in ("دولة", "حركة", "حزب", "حلف", "منظمة", "جماعة", "جمهورية", "إمارة", "مدينة",
                                   "ولاية", "جزيرة", "شركة", "مجموعة", "تنظيم", "ميليشيا", "هيئة", "صحيفة", "قناة", "قطاع")}

_COMPOUND = re.compile(r"(?<!\S)(عبد|ابو) (?=ال)")  # "عبد الله" and "عبدالله" are one spelling
_G_SOUNDS = str.maketrans({"غ": "ج", "ق": "ج", "ش": "س", "ظ": "ض", "ث": "س", "ذ": "ز"})
_LONG_VOWELS = re.compile(r"(?<=\S)[اوي](?=\S)")
_NASAB = {normalize(w) for w in ("بن", "ابن", "بنت")}
_NON_FAMILY = {normalize(w) for w in ("الثاني", "الأول", "الثالث", "بن", "ابن", "بنت", "أبو", "عبد", "آل", "جونيور")}


_TITLES_BY_FIRST: dict[str, list[list[str]]] = {}  # titles (as words) by their first word, in TITLES order
for _title in TITLES:
    _TITLES_BY_FIRST.setdefault(_title.split()[0], []).append(_title.split())


def strip_title(name: str) -> str:
    """Drop titles (and a nationality after them) from the start of a normalised name."""
    return " ".join(name.split()[title_words(name):])


@lru_cache(maxsize=1 << 16)
def title_words(name: str) -> int:
    """How many words at the start of a normalised name are a title, not the name."""
    words = name.split()
    dropped = 0
    changed = True
    while changed and len(words) - dropped > 1:
        changed = False
        for t in _TITLES_BY_FIRST.get(words[dropped], ()):
            if words[dropped : dropped + len(t)] == t and len(words) - dropped > len(t):
                dropped += len(t)
                while len(words) - dropped > 1 and NATIONALITY.match(words[dropped]):
                    dropped += 1
                changed = True
                break
    return dropped


def clitic_forms(text: str) -> list[str]:
    """The normalised name, titles dropped, with and without its first word's proclitics
    (و ف, then ب ل ك, and لل for ل + ال), most literal first. A name keeps its article:
    الكرملين is not كرملين."""
    first, _, rest = normalize(text).partition(" ")
    forms = list(proclitic_forms(first))
    forms = [f for f in forms if "ال" + f not in forms]
    return list(dict.fromkeys(_COMPOUND.sub(r"\1", strip_title(f"{form} {rest}".strip())) for form in forms))


@lru_cache(maxsize=1 << 16)
def candidates(text: str) -> tuple[str, ...]:
    """Every form the mention may stand for: its clitic forms, then without a generic head
    word ("حركة حماس" → حماس), then the long form of a known short one. Which is right is
    for the caller to tell, from the forms the article and the store already know."""
    out = clitic_forms(text)
    for form in list(out):
        head, _, tail = form.partition(" ")
        if head in GENERIC and tail:
            out.append(tail)
    out += [ALIASES[f] for f in out if f in ALIASES]
    return tuple(dict.fromkeys(out))  # a tuple: it is cached, and shared


@lru_cache(maxsize=1 << 16)
def default_form(text: str) -> str:
    """The form to use when nothing is known yet: titles dropped, and proclitics only
    where the rest begins with the article (والكرملين → الكرملين), which a name cannot."""
    forms = clitic_forms(text)
    for form in forms[1:]:
        if form.startswith("ال") and len(form.split()[0]) > 3:
            return form
    return forms[0]


@lru_cache(maxsize=1 << 16)
def skeleton(key: str) -> str:
    """Long vowels dropped and letters that transliterate one sound folded (غ/ج/ق for g,
    ش/س …), in words of four letters or more: سيرغي/سيرجي, غوتيريش/غوتيريس meet."""
    return " ".join(_LONG_VOWELS.sub("", w).translate(_G_SOUNDS) if len(w) >= 4 else w for w in key.split())


_DIFFERENT: frozenset[frozenset[str]] = frozenset(frozenset(line.split()) for line in load("different_names"))
_FOLDED_VOWELS = set("اوي")
MIN_VOWELLESS = 4  # a spelling without a long vowel must keep this many letters to meet one with it


def same_word(a: str, b: str) -> bool:
    """Two normalised words with one skeleton are one name written two ways: a long vowel
    written in or left out, or long vowels moved (ترمب/ترامب, ديمتري/دميتري, الأمريكي/الأميركي) but never
    exchanged (روسيا is not رئاسيا), one sound written with another letter (غوتيريش/غوتيريس);
    a spelling without a vowel keeps four letters (أبل is not أوبل); and a vowel written in
    does not make a name known as another (سلمان/سليمان, by different_names.txt)."""
    short, long_ = sorted((a.translate(_G_SOUNDS), b.translate(_G_SOUNDS)), key=len)
    if short == long_:
        return True
    if len(long_) - len(short) > 1:
        return False  # one vowel written in or left out, not two (باريس is not بيرايوس)
    if len(short) != len(long_):
        if len(short) < MIN_VOWELLESS or frozenset((a, b)) in _DIFFERENT:
            return False  # a vowel written in: the list knows the Arabic names it makes (سليمان)
        # written in where it stands, not written in and another moved (بورت is not بيروت)
        return any(long_[:i] + long_[i + 1:] == short for i, ch in enumerate(long_) if ch in _FOLDED_VOWELS)
    return not Counter(ch for ch in short if ch in _FOLDED_VOWELS) - Counter(ch for ch in long_ if ch in _FOLDED_VOWELS)


def same_name(key: str, name: str) -> bool:
    """Whether a name found by its skeleton or family name may be the same as `key`: every
    word of either that shares its skeleton with a word of the other is `same_word` with it."""
    others = normalize(name).split()
    for word in key.split():
        for other in others:
            if word != other and len(word) >= 4 and len(other) >= 3 and skeleton(word) == skeleton(other) \
                    and not same_word(word, other):
                return False
    return True


_GIVEN = frozenset(_COMPOUND.sub(r"\1", name) for name in load("given_names"))


def is_given_name(key: str) -> bool:
    """"عبدالعزيز", "عبد العزيز", "سلمان": a common given name (given_names.txt)."""
    return _COMPOUND.sub(r"\1", key) in _GIVEN


def first_name(key: str) -> str:
    """The given name a name starts with, compounds as one word: "عبدالله" of "عبد الله بن زايد",
    "عز الدين" of "عز الدين الأصبحي"."""
    words = _COMPOUND.sub(r"\1", key).split()
    return " ".join(words[:2]) if len(words) >= 2 and " ".join(words[:2]) in _GIVEN else (words[0] if words else "")


def nasab(key: str) -> str | None:
    """"محمد بن سلمان" of "محمد بن سلمان بن عبدالعزيز" or "محمد بن زايد آل نهيان": a
    person's name and father's name, which longer forms of the name extend."""
    words = key.split()
    if len(words) >= 3 and words[1] in _NASAB:
        return " ".join(words[:3])
    return None


def family(key: str) -> str | None:
    """A person's family name: the last word of a name of two words or more."""
    words = key.split()
    if len(words) < 2 or words[-1] in _NON_FAMILY or len(words[-1]) < 3 or _NASAB & set(words):
        return None  # in "محمد بن سلمان" the last name is the father's, not a family name
    return words[-1]
