"""The trigger lexicon of event extraction: which words report which kind of happening.

Words are compared after `rasd.arabic` normalisation (hamza and alef forms, taa marbuta,
alef maqsura folded) and with their proclitics (و ف ب ل ال) stripped, so a pattern lists
the inflected forms of a verb (past/present, feminine ت, dual, plural) and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rasd.arabic.lexicon import CONJUNCTION_PATTERN, STATEMENT_VERBS, proclitic_forms
from rasd.arabic.normalize import normalize

# Types in the order that decides a sentence holding several triggers: "announced
# sanctions" is a sanction, "said an agreement was reached" an agreement.
TYPES = ("accusation", "sanction", "agreement", "meeting", "statement")


def _forms(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _inflected(verb: str) -> str:
    """A statement verb of the lexicon with its past endings: قال(ت|ا|تا|وا), دع(ا|ي|ت|وا)."""
    if verb[-1] in "اي":  # a weak last letter: دعا/دعت/دعوا, نفي/نفت
        return re.escape(verb[:-1]) + "(ا|ي|ت|وا|يا|تا)"
    return re.escape(verb) + "(ت|ا|تا|وا)?"


# Verbs that are the happening themselves (past tense: a present form is often a plan).
DIRECT = {
    "accusation": _forms(r"[اي]?تهم(ت|ا|تا|وا|ان|ون)?", r"تتهم(ان)?"),
    "agreement": _forms(r"اتفق(ت|ا|تا|وا)?", r"توصل(ت|ا|تا|وا)?"),  # توصل needs اتفاق: see NEEDS
    "meeting": _forms(r"التق(ي|ت|يا|تا|وا)", r"استقبل(ت|ه|ها)?", r"اجتمع(ت|ا|تا|وا)?", r"زار(ت)?"),
    "sanction": _forms(r"ادرج(ت)?"),
    "statement": _forms(*map(_inflected, STATEMENT_VERBS), r"رحب(ت|ا|وا)?", r"عبر(ت)?", r"اصدر(ت)?", r"قرر(ت)?", r"ندد(ت)?"),
}

# Light verbs that report a happening only with one of its nouns a few words later:
# "عقد ... قمة", "أجرى ... محادثات", "وقّع ... اتفاقاً", "فرض ... عقوبات".
LIGHT = {
    "meeting": (_forms(r"عقد(ت|ا|تا|وا)?", r"اجر(ى|ي|ت|يا|تا|وا)", r"انطلق(ت)?", r"بد[اي](ت)?", r"اختتم(ت|ا)?",
                       r"انته(ى|ي|ت)", r"تلق(ى|ي|ت)", r"بحث(ت|ا|تا)?", r"جر(ت|ى|ي)", r"استضاف(ت)?"),
                _forms(r"قم(ه|تهما|تهم)", r"محادثات(ه|هما|ها)?", r"مباحثات", r"اجتماع(ات|ا)?", r"لقاء(ا)?",
                       r"مفاوضات", r"جول(ه|ات)", r"اتصال(ا)?", r"زيار(ه|ته|تها)", r"مشاورات", r"هاتفي(ا)?")),
    "agreement": (_forms(r"وقع(ت|ا|تا|وا)?", r"توقيع", r"توصل(ت|ا|تا|وا)?", r"اسفر(ت)?", r"ابرم(ت|ا)?", r"التوصل"),
                  _forms(r"اتفاق(ا|ات|يه|يات|يتين|يتان)?", r"وثيق(ه|تين)", r"اعلان", r"مذكر(ه|تي|ات)", r"معاهد(ه)?",
                         r"تفاهم(ات)?", r"صفق(ه)?")),
    "sanction": (_forms(r"فرض(ت|ا)?", r"[يت]فرض", r"اعاد(ه|ت)", r"توسيع", r"وسع(ت)?",
                        r"ادرج(ت)?", r"ادراج", r"وقع(ت)?", r"حزم(ه)", r"حظر(ت)?", r"[يت]حظر"),
                 _forms(r"عقوبات", r"قيود(ا)?", r"رسوم(ا)?", r"تعريفات", r"حظر", r"قائم(ه)", r"تصدير")),
}
LIGHT_WINDOW = 16  # words between the light verb and its noun (subject and date sit between)

# A collective decision is an agreement among its members ("قرر تحالف أوبك+ ...").
COLLECTIVE = re.compile(r"تحالف|الدول الاعضاء|الاطراف|الجانب(ان|ين)|الطرف(ان|ين)")

# Words after which a trigger is background (a response to, or the cause of, something
# else), or a plan: triggers there count only when the sentence has none before.
BACKGROUND = re.compile(
    r"\b(رد[اًا]? علي|تعليق[اًا]? علي|علي خلفيه|احتجاج[اًا]? علي|في اعقاب|بعد(ما| ان)?|عقب|اثر|منذ|قبل|قبيل|"
    r"علي ان|في ظل|في اطار|و?اعقب(ت|ه|ها)?|وتاتي|وياتي|وذلك|بسبب|رغم|برغم|الرغم|احتفال[اًا]?)\b")
# "وكان ... قد" / "كانت قد": the pluperfect tells of an earlier happening.
PLUPERFECT = re.compile(r"^و?كان(ت)?\b.*\bقد\b")
NEGATION = re.compile(r"\b(دون|بدون|عدم|لم|لن|لا|فشل)\s*$")
FUTURE = re.compile(r"^و?س[يتان]")  # ستجري، سيلتقي: a plan, not a happening

# Reactions take another happening as their object ("رحب بتوقيع الاتفاق"): a statement.
REACTION = re.compile(r"رحب(ت|ا|وا)?|اعرب(ت|ا|وا)?|ندد(ت)?|دان(ت)?|انتقد(ت)?|عبر(ت)?|وصف(ت)?|اشاد(ت)?")
# A sentence that opens like this frames the story's background.
# (and a present-tense light verb describes rules or plans: "وتفرض القواعد", "ويعقد الوسطاء").
FRAMING = re.compile(rf"^{CONJUNCTION_PATTERN}?(تاتي|ياتي|تنعقد|ينعقد|يري|تري|يخشي|تخشي|يعتبر|يتوقع|توقع|[يت]عقد|[يت]فرض|[يت]جري|س[يتن]\w+)$")
# Failure words before an agreement noun: "أخفق في التوصل إلى اتفاق" is no agreement.
# So are welcomes of one ("المرحبة بتوقيع الوثيقة"): the happening is reported elsewhere.
FAILED = re.compile(r"^(فشل|فشلت|اخفق|اخفقت|اخفاق|تعثر|تعثرت|دون|بدون|عدم|المرحبه|مرحب(ه|ا)?|ترحيب(ا)?|ترحيبه)$")

# Anaphora for the parties of the article's previous event.
PARTIES = re.compile(r"^(ال)?(جانب|طرف|رئيس|بلد|وزير)(ان|ين)$|^(اتفق|التقي|بحث|وقع|اجتمع)(ا|تا)$|^انهما$")

# Complementisers and prepositions that end a speaker's subject phrase.
SUBJECT_END = re.compile(r"^(ان|انه|انها|انهم|انهما|بان|بانه|بانها|عن|علي|الي|بشان|حول|لـ?)$")


class Word(NamedTuple):  # a tuple: made for every word of every article, so made cheaply
    start: int
    end: int
    forms: tuple[str, ...]  # normalised word and its clitic-stripped stems

    def match(self, pattern: re.Pattern[str]) -> bool:
        return any(pattern.fullmatch(f) for f in self.forms)


# What a word's forms can be in the trigger lexicon: ("direct" | "light" | "noun", type).
_LEXICON = [*((("direct", t), p) for t, p in DIRECT.items()),
            *((("light", t), p[0]) for t, p in LIGHT.items()),
            *((("noun", t), p[1]) for t, p in LIGHT.items())]


@lru_cache(maxsize=1 << 16)
def _roles(forms: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """The word's roles in the trigger lexicon, worked out once per spelling: most words
    have none, and a sentence is scanned for triggers several times."""
    return frozenset(role for role, pattern in _LEXICON if any(pattern.fullmatch(f) for f in forms))


# letters with their diacritics (shadda in وقّع is not a word character for `re`)
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+")


def tokens(text: str, start: int, end: int) -> list[Word]:
    """The words of text[start:end], with their offsets and clitic-stripped forms."""
    return [Word(start + m.start(), start + m.end(), proclitic_forms(m.group()))
            for m in _WORD.finditer(text[start:end])]


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    index: int  # index of the trigger word in the sentence's words


def triggers(ws: list[Word], text: str) -> list[Trigger]:
    """Every trigger of the sentence, in text order; a light verb counts at its own word."""
    found = []
    for i, w in enumerate(ws):
        if FUTURE.match(w.forms[0]) and len(w.forms[0]) > 3:
            continue
        roles = _roles(w.forms)
        negated: bool | None = None  # read only when a pattern matches: most words match none
        for type_ in TYPES if roles else ():
            direct = ("direct", type_) in roles
            light = ("light", type_) in roles
            if not (direct or light):
                continue
            if type_ == "agreement" and any(FAILED.match(x.forms[0]) for x in ws[max(0, i - 6):i]):
                continue
            if negated is None:
                negated = bool(NEGATION.search(normalize(text[max(0, w.start - 12):w.start])))
            if direct and not negated:
                if type_ == "agreement" and light and not _noun_after(ws, i, "agreement"):
                    continue
                found.append(Trigger(type_, i))
                break
            if light and _noun_after(ws, i, type_) and not negated:
                found.append(Trigger(type_, i))
                break
        # an agreement noun after عن / إلى: "أسفرت عن اتفاق" (not "الاتفاق النووي", "رحب باتفاق")
        if (not found or found[-1].index != i) and i and ws[i - 1].forms[0] in ("عن", "الي") \
                and re.fullmatch(r"اتفاق(ا|يه)?", w.forms[0]):
            found.append(Trigger("agreement", i))
    return found


def _noun_after(ws: list[Word], i: int, type_: str) -> bool:
    return any(("noun", type_) in _roles(w.forms) for w in ws[i + 1:i + 1 + LIGHT_WINDOW])


# -- when and where ---------------------------------------------------------------------------
# A date expression names a day (not a period: "العام الماضي", "الشهر المقبل").
DAY = re.compile(r"اليوم|امس|غد|الليله|مساء|صباح|ليل|فجر|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد|\d")
PERIOD = re.compile(r"عام|العام|الشهر|الاسبوع|مطلع|منتصف|اواخر|شهر|هذا|المقبل|القادم")
# "في اليوم ذاته": the day of the event told just before.
SAME_DAY = re.compile(r"(اليوم|ذات اليوم) (نفسه|ذاته)|ذات اليوم")
# "الحرب في أوكرانيا" is a topic, not a place.
TOPICAL = {"حرب", "ازمه", "اوضاع", "وضع", "نزاع", "صراع", "سلام", "تطورات", "تدخل", "انتخابات", "استقرار",
            "امن", "نفوذ", "مصالح", "استثمار", "استثمارات"}
# Words that put a place right after them: where something happens, not an actor.
CITY = {"العاصمه", "مدينه", "منتجع", "بمدينه", "بمنتجع"}  # بالعاصمه: ب comes off before the article
IN_PLACE = {"في", "اقليم", "ولايه", "ولايتي", "منطقه", "محافظه", "عاصمه", "داخل", *CITY}
# Topics follow these words ("بشأن البرنامج النووي").
TOPIC = re.compile(r"^(بشان|حول|ملف|ملفات|تناول(ت)?|بحث(ا)?|لبحث|ناقش(ا|ت)?|لمناقشه)$")
# A statement made in a statement, post, press conference or speech.
STATEMENT_MEDIUM = re.compile(r"(في|عبر) (بيان|تغريده|منشور|مؤتمر صحفي|كلمه)|اصدر(ت|ا)? بيان")
DECIDE = re.compile(r"قرر(ت|وا)?")
DESCRIBE = re.compile(r"وصف(ت)?")
# The reported words begin after these.
COMPLEMENT = re.compile(r"^(ان|انه|انها|انهم|انهما|بان|بانه|بانها)$")
