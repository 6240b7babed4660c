"""How one name is written many ways: keys that make the variants of a name meet.

- `key`: the normalised name without proclitics and titles (والرئيس بوتين → بوتين).
- `skeleton`: the key without long vowels inside words, for transliterated names
  (ترمب/ترامب, الأميركي/الأمريكي); only for words of four letters or more, so short
  Arabic names that differ by a vowel (سمر/سمير) stay apart.
- `family`: a person's last name, to link "بوتين" to "فلاديمير بوتين".
"""

from __future__ import annotations

import re

from rasd.arabic.normalize import normalize

# Titles and roles written before a name; not part of it.
TITLES = tuple(normalize(t) for t in (
    "الرئيس", "رئيس الوزراء", "رئيس الحكومة", "الملك", "الأمير", "ولي العهد", "الشيخ", "السيد", "السيدة",
    "الدكتور", "د.", "المستشار", "الوزير", "وزير الخارجية", "وزير الدفاع", "وزيرة الخارجية", "الجنرال",
    "المشير", "العقيد", "اللواء", "الإمام", "البابا", "المرشد", "النائب", "السفير", "المبعوث", "السيناتور",
    "الرئيسة", "المتحدث", "المتحدثة", "الزعيم", "القائد", "نظيره", "نظيرته",
))
# Nationality adjectives that follow a title: "الرئيس الروسي", "وزير الخارجية الأميركي".
_NATIONALITY = re.compile(r"^ال\w+ي(?:ه)?$")

# Common short forms of organisations, both ways (normalised).
ALIASES = {normalize(a): normalize(b) for a, b in (
    ("الناتو", "حلف شمال الأطلسي"), ("ناتو", "حلف شمال الأطلسي"), ("حلف الأطلسي", "حلف شمال الأطلسي"),
    ("الحلف الأطلسي", "حلف شمال الأطلسي"), ("أوبك", "منظمة الدول المصدرة للنفط"), ("الأونروا", "وكالة الأونروا"),
    ("اليونسكو", "منظمة اليونسكو"), ("الفيفا", "الاتحاد الدولي لكرة القدم"), ("فيفا", "الاتحاد الدولي لكرة القدم"),
    ("أميركا", "الولايات المتحدة"), ("أمريكا", "الولايات المتحدة"),
)}

_LONG_VOWELS = re.compile(r"(?<=\S)[اوي](?=\S)")
_NON_FAMILY = {normalize(w) for w in ("الثاني", "الأول", "الثالث", "بن", "ابن", "بنت", "أبو", "عبد", "آل", "جونيور")}


def strip_title(name: str) -> str:
    """Drop titles (and a nationality after them) from the start of a normalised name."""
    return " ".join(name.split()[title_words(name):])


def title_words(name: str) -> int:
    """How many words at the start of a normalised name are a title, not the name."""
    words = name.split()
    dropped = 0
    changed = True
    while changed and len(words) - dropped > 1:
        changed = False
        for title in TITLES:
            t = title.split()
            if words[dropped : dropped + len(t)] == t and len(words) - dropped > len(t):
                dropped += len(t)
                while len(words) - dropped > 1 and _NATIONALITY.match(words[dropped]):
                    dropped += 1
                changed = True
                break
    return dropped


def candidates(text: str) -> list[str]:
    """Normalised forms the mention may stand for, most literal first: its first word with
    and without proclitics (و ف, then ب ل ك, and لل for ل + ال), titles dropped, and the
    long form of a known short one. Which is right is for the caller to tell, from the
    forms the article and the store already know."""
    first, _, rest = normalize(text).partition(" ")
    forms = [first]
    if first[:1] in "وف" and len(first) > 3:
        forms.append(first[1:])
    for form in list(forms):
        if form.startswith("لل") and len(form) > 4:
            forms.append("ال" + form[2:])
        elif form[:1] in "بلك" and len(form) > 3:
            forms.append(form[1:])
    out = []
    for form in forms:
        full = strip_title(f"{form} {rest}".strip())
        out.append(full)
        if full in ALIASES:
            out.append(ALIASES[full])
    return list(dict.fromkeys(out))


def default_form(forms: list[str]) -> str:
    """The form to use when nothing is known yet: clitics are stripped only where the
    rest begins with the article (والكرملين → الكرملين), which a name cannot."""
    for form in forms[1:]:
        if form in ALIASES.values():
            continue
        if len(form.split()) < len(forms[0].split()) or (form.startswith("ال") and len(form.split()[0]) > 3):
            return form
    return forms[0]


def skeleton(key: str) -> str:
    return " ".join(_LONG_VOWELS.sub("", w) if len(w) >= 4 else w for w in key.split())


def family(key: str) -> str | None:
    """A person's family name: the last word of a name of two words or more."""
    words = key.split()
    if len(words) < 2 or words[-1] in _NON_FAMILY or len(words[-1]) < 3:
        return None
    return words[-1]
