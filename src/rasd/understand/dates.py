"""Date expressions in an article, resolved to calendar dates against its publication date.

A rule layer of our own: dateparser misses forms that Arabic news writes every day
("أمس الثلاثاء", "أول من أمس", "اليوم (الأربعاء)", Levantine and Maghrebi month names) and
finds false dates in whole sentences. Relative expressions need a publication date; without
one their value is null, never a guess. Conventions (documented in docs/schema.md):
a bare weekday is the nearest such day on or before publication; "الثلاثاء المقبل" the next
one after it; "الأسبوع الماضي" publication minus 7 days; "الشهر الماضي" the first of the
previous month; "العام الماضي" and "عام 2017" the first of January; "منتصف" the 15th.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from rasd.arabic.dates import MONTHS, WEEKDAYS
from rasd.arabic.lexicon import PROCLITIC_PATTERN
from rasd.arabic.normalize import normalize
from rasd.record import Article

_MARKS = "[\u064b-\u0652\u0640]*"  # harakat and tatweel between letters
_VARIANTS = {"ا": "[اأإآ]", "ي": "[يىئ]", "ه": "[هة]", "و": "[وؤ]"}


def _fuzzy(word: str) -> str:
    """A regex for a normalised word as writers spell it (hamza, taa marbuta, harakat)."""
    return "".join((_VARIANTS.get(ch, re.escape(ch)) + _MARKS) if ch != " " else r"\s+" for ch in word)


def _alt(words: Iterable[str]) -> str:
    return "|".join(_fuzzy(w) for w in sorted(words, key=len, reverse=True))


HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4, "جمادي الاولي": 5,
    "جمادي الاخره": 6, "جمادي الثانيه": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}
_WEEKDAY_INDEX = {normalize(w): i for i, w in enumerate(("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"))}

ORDINALS = {normalize(w): i for i, w in enumerate((
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
    "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر", "السادس عشر", "السابع عشر",
    "الثامن عشر", "التاسع عشر", "العشرين", "الحادي والعشرين", "الثاني والعشرين", "الثالث والعشرين",
    "الرابع والعشرين", "الخامس والعشرين", "السادس والعشرين", "السابع والعشرين", "الثامن والعشرين",
    "التاسع والعشرين", "الثلاثين", "الحادي والثلاثين"), start=1)}
WD = rf"(?P<wd>{_alt(WEEKDAYS)})"
D = rf"(?P<d>[0-9٠-٩]{{1,2}}|(?:{_alt(ORDINALS)})\s+من|{_alt(['غره', 'مستهل'])})"
# a year, and how the writer marked its calendar: هـ (Hijri) or م (Gregorian), or nothing
Y = r"(?P<y>[0-9٠-٩]{4})(?:\s*(?P<cal>هـ|ه|م)(?![^\W\d_]))?"
# months a writer names alone ("في يونيو"): the unambiguous Gregorian names (مارس is also a
# verb, آب a father, نيسان a car) and the Hijri months that are no one's name (not رمضان,
# رجب, شعبان, صفر, محرم, which need "شهر" before them)
LONE_MONTHS = ["يناير", "فبراير", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر"]
LONE_HIJRI = ["شوال", "ذو القعده", "ذي القعده", "ذو الحجه", "ذي الحجه", "ربيع الاول", "ربيع الاخر", "ربيع الثاني",
              "جمادي الاولي", "جمادي الاخره", "جمادي الثانيه"]
HIJRI_SPAN = (60, 5)  # a bare year this far before/after the publication's Hijri year is Hijri
MODERN_HIJRI = (1380, 1460)  # … or, with no publication date, in this range
PART = rf"(?:(?:{_alt(['مساء', 'صباح', 'فجر', 'ظهر', 'عصر', 'ليل', 'ليله', 'ظهيره'])})\s+)?"
ALSO = rf"(?:\s*\(\s*(?:{_alt(MONTHS)})\s*\))?"  # "أيار (مايو)": a second name in brackets
REL = rf"(?P<rel>{_alt(['الماضي', 'المقبل', 'القادم', 'الجاري', 'الحالي', 'المنصرم', 'الفائت'])})"
POS = rf"(?P<pos>{_alt(['مطلع', 'بدايه', 'اوائل', 'منتصف', 'اواسط', 'اواخر', 'نهايه'])})"
_B, _E = rf"(?<![^\W\d_]){PROCLITIC_PATTERN}", r"(?![^\W\d_])"  # word edges; proclitics may precede

_RULES: list[tuple[str, str]] = [
    ("hijri", rf"(?:{WD}\s*[،,]?\s*)?{D}\s+(?:شهر\s+)?(?P<hm>{_alt(HIJRI_MONTHS)})(?:\s+{Y})?\s*(?:هـ|ه{_E}|للهجره)?"),
    ("dmy", rf"(?:{WD}\s*[،,]?\s*)?{D}\s+(?:من\s+)?(?:شهر\s+)?(?P<m>{_alt(MONTHS)}){ALSO}\s*[،,]?\s+(?:(?:من\s+)?(?:العام|عام)\s+)?{Y}"),
    ("numeric", rf"(?:{WD}\s*[،,]?\s*)?(?:(?P<nd>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s*[/.\-]\s*(?P<nm>\d{{1,2}})\s*[/.\-]\s*(?P<ny>\d{{4}})"
                rf"|(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))(?!\d)(?:\s*(?P<cal>هـ|ه|م)(?![^\W\d_]))?"),
    ("hyears", rf"(?P<y>\d{{4}})\s*(?:هـ|ه)?\s*/\s*\d{{4}}\s*(?P<cal>هـ|ه)(?![^\W\d_])"),
    ("dm", rf"(?:{WD}\s*[،,]?\s*)?{D}\s+(?:من\s+)?(?:شهر\s+)?(?P<m>{_alt(MONTHS)}){ALSO}(?:\s+{REL})?"),
    ("my", rf"(?:{POS}\s+)?(?:شهر\s+)?(?P<m>{_alt(MONTHS)}){ALSO}\s+(?:من\s+)?(?:(?:العام|عام)\s+)?{Y}"),
    ("mrel", rf"(?:{POS}\s+)?(?:شهر\s+)?(?P<m>{_alt(MONTHS)}){ALSO}\s+{REL}"),
    ("year", rf"(?:{POS}\s+)?(?:{_alt(['عام', 'العام', 'عامي', 'سنه', 'السنه'])})\s+{Y}"),
    ("posyear", rf"{POS}\s+{Y}"),
    ("hmonth", rf"(?<!هلال )(?<!هلال شهر )(?<!شهر )(?:{POS}\s+)?(?:(?:شهر\s+)(?P<hm>{_alt(HIJRI_MONTHS)})|(?P<lone>{_alt(LONE_HIJRI)}))(?:\s+{Y})?\s*(?:هـ|ه{_E})?"),
    ("lonemonth", rf"(?:{POS}\s+)?(?:شهر\s+)?(?P<m>{_alt(LONE_MONTHS)}){ALSO}"),
    ("relday", rf"(?<!عين )(?<!صحيفه )(?<!صحيفة )(?<!جريدة )(?<!جريده )"  # عين اليوم، صحيفة اليوم: outlets
               rf"{PART}(?:يوم\s+)?(?P<rel>{_alt(['اول من امس', 'اول امس', 'امس', 'البارحه', 'اليوم', 'غدا', 'بعد غد'])})"
               rf"(?:ً)?(?!\s+{_alt(['الحاجه'])})(?:\s*\(?\s*{WD}\s*\)?)?"),  # في أمس الحاجة: "most in need"
    ("weekday", rf"{PART}(?:يوم\s+)?{WD}(?:\s+(?P<dir>{_alt(['المقبل', 'القادم', 'الماضي', 'الفائت', 'المنصرم'])}))?"),
    ("period", rf"(?:{POS}\s+)?"
               rf"(?:(?P<unit>{_alt(['الاسبوع', 'الشهر', 'العام', 'السنه'])})\s+(?P<when>{_alt(['الماضي', 'المقبل', 'القادم', 'الجاري', 'الحالي', 'المنصرم', 'الفائت'])})"
               rf"|(?:هذا|هذه)\s+(?P<this>{_alt(['الاسبوع', 'الشهر', 'العام', 'السنه'])})"
               rf"|(?<=\s)(?P<bare>{_alt(['الشهر', 'العام', 'السنه'])})(?!\s+{_alt(['الماضي', 'المقبل', 'القادم', 'الجاري', 'الحالي', 'المنصرم', 'الفائت'])}))"),
]
_COMPILED = [(name, re.compile(f"{_B}(?P<span>{rule}){_E}", re.UNICODE)) for name, rule in _RULES]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # ISO date, or None when it cannot be resolved

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value}


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Date expressions, longest first where they overlap, in text order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []  # spans already found, sorted, not overlapping
    for name, pattern in _COMPILED:
        for m in pattern.finditer(text):
            start, end = m.span("span")
            k = bisect_left(taken, (start, end))
            if (k > 0 and taken[k - 1][1] > start) or (k < len(taken) and taken[k][0] < end):
                continue
            try:
                value = _resolve(name, m, published)
            except (ValueError, OverflowError, KeyError):
                continue  # 31 February, a Hijri year out of range …: not a date
            if value is False:
                continue
            insort(taken, (start, end))
            found.append(DateMention(start, end, text[start:end], value.isoformat() if value else None))
    return sorted(found, key=lambda d: d.start)


def _num(s: str) -> int:
    return int(normalize(s))


def _day(s: str) -> int:
    """A day written as a number (16, ١٦) or an ordinal ("السادس من")."""
    norm = normalize(s)
    if norm in ("غره", "مستهل"):
        return 1
    return int(norm) if norm.isdigit() else ORDINALS[" ".join(norm.split()[:-1])]


def _hijri_year(year: int, cal: str | None, pub: date | None) -> bool:
    """Whether a four-digit year is Hijri: marked هـ, or near the publication's Hijri year
    ("عام 1436" in a 2015 article), or in the modern Hijri range when there is no publication date."""
    if cal:
        return cal != "م"
    if pub is None:
        return MODERN_HIJRI[0] <= year <= MODERN_HIJRI[1]
    now = _hijri_year_of(pub)
    return now - HIJRI_SPAN[0] <= year <= now + HIJRI_SPAN[1]


def _hijri_year_of(day: date) -> int:
    return Gregorian(day.year, day.month, day.day).to_hijri().year


def _from_hijri(year: int, month: int, day: int) -> date:
    return date(*Hijri(year, month, day).to_gregorian().datetuple())


def _nearest_hijri(pub: date, month: int, day: int) -> date:
    """A Hijri day and month without a year: the occurrence nearest to publication."""
    now = _hijri_year_of(pub)
    return min((_from_hijri(y, month, day) for y in (now - 1, now, now + 1)), key=lambda d: abs((d - pub).days))


def _month_day(month: int, pos: str) -> int | None:
    return {"منتصف": 15, "اواسط": 15}.get(pos, 1) if pos not in ("اواخر", "نهايه") else None


def _resolve(name: str, m: re.Match[str], pub: date | None) -> date | None | bool:
    g = m.groupdict()
    if name == "hijri":
        # Umm al-Qura calendar; other Hijri reckonings can differ by a day.
        month, day = HIJRI_MONTHS[normalize(g["hm"])], _day(g["d"])
        if g["y"]:
            return _from_hijri(_num(g["y"]), month, day)
        return _nearest_hijri(pub, month, day) if pub else None
    if name == "hmonth":
        month = HIJRI_MONTHS[normalize(g["hm"] or g["lone"])]
        if g["y"]:
            return _from_hijri(_num(g["y"]), month, 1)
        return _nearest_hijri(pub, month, 1) if pub else None
    if name == "hyears":  # "1436/1437هـ": a Hijri year that runs over two
        return _from_hijri(_num(g["y"]), 1, 1)
    if name == "lonemonth":
        if pub is None:
            return None
        month, pos = MONTHS[normalize(g["m"])], normalize(g["pos"] or "")
        first = _nearest(pub, month, 1, "")
        return first.replace(day=_month_day(month, pos) or calendar.monthrange(first.year, month)[1])
    if name == "dmy":
        return date(_num(g["y"]), MONTHS[normalize(g["m"])], _day(g["d"]))
    if name == "numeric":
        if g["iy"]:
            return date(int(g["iy"]), int(g["im"]), int(g["id"]))
        day, month, year = int(g["nd"]), int(g["nm"]), int(g["ny"])
        if month > 12 >= day:
            day, month = month, day
        if _hijri_year(year, g["cal"], pub):  # "4/8/1436": Saudi pages write Hijri dates so
            return _from_hijri(year, month, day)
        return date(year, month, day)
    if name == "dm":
        if pub is None:
            return None
        month, day = MONTHS[normalize(g["m"])], _day(g["d"])
        return _nearest(pub, month, day, normalize(g["rel"] or ""))
    if name == "mrel":
        if pub is None:
            return None
        month, pos = MONTHS[normalize(g["m"])], normalize(g["pos"] or "")
        first = _nearest(pub, month, 1, normalize(g["rel"]))
        if not first:
            return False
        day = _month_day(month, pos) or calendar.monthrange(first.year, month)[1]
        return first.replace(day=day)
    if name == "my":
        year, month = _num(g["y"]), MONTHS[normalize(g["m"])]
        return date(year, month, _month_day(month, normalize(g["pos"] or "")) or calendar.monthrange(year, month)[1])
    if name in ("year", "posyear"):
        year, pos = _num(g["y"]), normalize(g["pos"] or "")
        if _hijri_year(year, g["cal"], pub):
            return _from_hijri(year, 1, 1) if pos not in ("اواخر", "نهايه") else _from_hijri(year + 1, 1, 1) - timedelta(days=1)
        return _in_year(year, pos)
    if pub is None:
        return None
    if name == "relday":
        rel = normalize(g["rel"])
        offset = {"اول من امس": -2, "اول امس": -2, "امس": -1, "البارحه": -1, "اليوم": 0, "غدا": 1, "بعد غد": 2}[rel]
        return pub + timedelta(days=offset)
    if name == "weekday":
        target = _WEEKDAY_INDEX[normalize(g["wd"])]
        direction = normalize(g["dir"] or "")
        if direction in ("المقبل", "القادم"):
            return pub + timedelta(days=(target - pub.weekday() - 1) % 7 + 1)
        back = (pub.weekday() - target) % 7
        if direction and back == 0:  # "الثلاثاء الماضي" said on a Tuesday: a week ago
            back = 7
        return pub - timedelta(days=back)
    if g["bare"] and not g["pos"]:
        return False  # "العام" alone is not a date; "نهاية العام" is the end of this one
    return _period(normalize(g["unit"] or g["this"] or g["bare"]), normalize(g["when"] or "الجاري"), normalize(g["pos"] or ""), pub)


def _period(unit: str, when: str, pos: str, pub: date) -> date:
    step = {"الماضي": -1, "المنصرم": -1, "الفائت": -1, "المقبل": 1, "القادم": 1}.get(when, 0)
    if unit == "الاسبوع":
        return pub + timedelta(days=7 * step)
    if unit == "الشهر":
        year, month = divmod(pub.year * 12 + pub.month - 1 + step, 12)
        month += 1
        last = calendar.monthrange(year, month)[1]
        return date(year, month, {"منتصف": 15, "اواسط": 15, "اواخر": last, "نهايه": last}.get(pos, 1))
    return _in_year(pub.year + step, pos)


def _in_year(year: int, pos: str) -> date:
    """"منتصف العام": 1 July; "نهاية 2014": 31 December; a year alone: 1 January."""
    return {"منتصف": date(year, 7, 1), "اواسط": date(year, 7, 1), "اواخر": date(year, 12, 31), "نهايه": date(year, 12, 31)}.get(pos, date(year, 1, 1))


def _nearest(pub: date, month: int, day: int, rel: str) -> date | bool:
    """The day and month in the year that puts them nearest to publication, or the one
    before/after it when the text says "الماضي"/"المقبل"."""
    options = [date(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1) if _valid(y, month, day)]
    if rel in ("الماضي", "المنصرم", "الفائت"):
        options = [d for d in options if d < pub.replace(day=1) or (d.year, d.month) < (pub.year, pub.month)]
        return max(options) if options else False
    if rel in ("المقبل", "القادم"):
        options = [d for d in options if (d.year, d.month) > (pub.year, pub.month)]
        return min(options) if options else False
    if rel in ("الجاري", "الحالي"):
        options = [d for d in options if d.year == pub.year]
    return min(options, key=lambda d: abs((d - pub).days)) if options else False


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


class DateFinder:
    """Stage: fills `article.dates` (text, start, end, value) from the article text. A name
    the tagger found inside a date is the date's month, not an entity ("1 نيسان 2015"): the
    mention is dropped."""

    name = "dates"
    parallel = True

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                pub = date.fromisoformat(article.published) if article.published else None
                found = find_dates(article.text, pub)
                article.dates = [d.to_dict() for d in found]
                if found and article.entities:
                    article.entities = [m for m in article.entities
                                        if not any(d.start <= m["start"] and m["end"] <= d.end for d in found)]
            yield article
