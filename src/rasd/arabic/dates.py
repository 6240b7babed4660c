"""Calendar dates written on a page: `24/05/2019`, `2019-05-24`, `الجمعة 24 مايو 2019`.

Only what the cleaner needs to find a page's publication date; resolving relative
expressions ("أمس الثلاثاء") belongs to the understanding stage.
"""

from __future__ import annotations

import re
from datetime import date

from rasd.arabic.normalize import normalize

# Month names as they appear after `normalize` (hamza/taa folded). Egyptian/Gulf,
# Levantine and Maghrebi names all occur in the wild.
MONTHS: dict[str, int] = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "افريل": 4, "مايو": 5, "ماي": 5,
    "يونيو": 6, "يونيه": 6, "جوان": 6, "يوليو": 7, "يوليه": 7, "جويليه": 7,
    "اغسطس": 8, "اوت": 8, "سبتمبر": 9, "شتنبر": 9, "اكتوبر": 10, "نوفمبر": 11, "نونبر": 11,
    "ديسمبر": 12, "دجنبر": 12, "جانفي": 1, "فيفري": 2, "يوليوز": 7, "غشت": 8,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}
WEEKDAYS = ("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد")

_MONTH_ALT = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_NUMERIC_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")
_NUMERIC_YMD = re.compile(r"(?<!\d)(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?!\d)")
_WRITTEN = re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?({_MONTH_ALT})\s*,?\s+(\d{{4}})(?!\d)")

# A line that is only a date, perhaps with a weekday, a time and a label such as
# "نشر في:" or "آخر تحديث". After the date is taken out, nothing else may remain.
_LABELS = re.compile(
    r"^(?:نشر(?: في| بتاريخ)?|تاريخ النشر|اخر تحديث|تم النشر|published|updated)\s*:?\s*",
)
_LEFTOVER = re.compile(
    rf"(?:{'|'.join(WEEKDAYS)}|\d{{1,2}}:\d{{2}}(?::\d{{2}})?|ص|م|am|pm|gmt|utc|بتوقيت \w+|[\s,|:\-–—/()])*"
)


def find_date(text: str) -> date | None:
    """The first valid calendar date written in `text` (numeric or with a month name)."""
    norm = normalize(text)
    for pattern, order in ((_NUMERIC_YMD, "ymd"), (_WRITTEN, "dMy"), (_NUMERIC_DMY, "dmy")):
        for m in pattern.finditer(norm):
            value = _to_date(m, order)
            if value:
                return value
    return None


def date_line(line: str) -> date | None:
    """The date when the whole line is a date stamp, else None."""
    norm = _LABELS.sub("", normalize(line))
    for pattern, order in ((_NUMERIC_YMD, "ymd"), (_WRITTEN, "dMy"), (_NUMERIC_DMY, "dmy")):
        m = pattern.search(norm)
        if m and _LEFTOVER.fullmatch(norm[: m.start()] + " " + norm[m.end():]):
            return _to_date(m, order)
    return None


def _to_date(m: re.Match[str], order: str) -> date | None:
    a, b, c = m.groups()
    try:
        if order == "ymd":
            return date(int(a), int(b), int(c))
        if order == "dMy":
            return date(int(c), MONTHS[b], int(a))
        day, month = int(a), int(b)
        if month > 12 >= day:  # written month-first, as some English-language CMSs do
            day, month = month, day
        return date(int(c), month, day)
    except ValueError:
        return None
