"""Line-level signals: what kind of line is this, judged by its shape and its words.

The signals generalise across sites: length, final punctuation, script ratio, an agency
credit in parentheses, a date alone on a line, repetition, and a short list of known
phrases. `classify` names the kind; the segmenter decides with the page's context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from rasd.arabic import arabic_ratio, normalize
from rasd.arabic.dates import date_line
from rasd.clean import phrases

HEADING_MAX_WORDS = 22  # longer unpunctuated lines are paragraphs cut short, not headings

_TERMINAL = re.compile(r"[.!?؟…:]['\"»”’)\]]*$|[.!?؟…]['\"»”’)\]]+[.!?؟…]?$")
_CREDIT = re.compile(r"\(([^()]{1,30})\)\s*$")
CHROME_LINES = frozenset(map(normalize, phrases.CHROME_LINES))
CHROME_PREFIXES = tuple(map(normalize, phrases.CHROME_PREFIXES))
TEASER_MARKERS = frozenset(map(normalize, phrases.TEASER_MARKERS))
AGENCIES = frozenset(map(normalize, phrases.AGENCIES))
CAPTION_OPENINGS = tuple(normalize(p) + " " for p in phrases.CAPTION_OPENINGS)
SITE_ICON = re.compile(r"^site icon\s+(.+)$", re.IGNORECASE)  # WordPress themes print the site name so

_QUOTED_CREDIT = re.compile(r"«([^«»]{1,30})»\s*$")
_LETTER = re.compile(r"[^\W\d_]")
# A headline never ends on a comma or a particle; a snippet cut off mid-sentence does.
_CUT_OFF = re.compile(r"(?:[,،;؛]|\s(?:ان|او|في|من|علي|الي|عن|مع|و|ثم|التي|الذي|الذين|لكن|حتي|كما|بين))$")


class Kind(Enum):
    BLANK = "blank"
    CHROME = "chrome"
    MARKER = "marker"  # "read more": what follows lists other articles
    CAPTION = "caption"
    DATE = "date"
    HEADING = "heading"  # short, unpunctuated: a title, subtitle or subheading
    PARAGRAPH = "paragraph"


@dataclass(slots=True)
class Line:
    text: str  # as written, stripped
    norm: str
    kind: Kind
    words: int
    date: date | None = None

    @property
    def complete(self) -> bool:
        """Ends like a finished sentence (a teaser snippet is cut off)."""
        return _ends_sentence(self.text)


def classify(raw: str) -> Line:
    text = raw.strip()
    norm = normalize(text)
    n_words = len(norm.split())
    if not norm:
        return Line(text, norm, Kind.BLANK, 0)
    if norm in TEASER_MARKERS or norm.rstrip(":") in TEASER_MARKERS:
        return Line(text, norm, Kind.MARKER, n_words)
    when = date_line(text) if n_words <= 8 else None
    if when:
        return Line(text, norm, Kind.DATE, n_words, when)
    if _is_chrome(text, norm, n_words):
        return Line(text, norm, Kind.CHROME, n_words)
    if _is_caption(norm, n_words):
        return Line(text, norm, Kind.CAPTION, n_words)
    if n_words <= HEADING_MAX_WORDS and not _ends_sentence(text) and not _CUT_OFF.search(norm):
        return Line(text, norm, Kind.HEADING, n_words)
    return Line(text, norm, Kind.PARAGRAPH, n_words)


def _ends_sentence(text: str) -> bool:
    """Final punctuation, looking past a closing agency credit: "… في جدة. (واس)", "… «الفرنسية»"."""
    credit = _CREDIT.search(text) or _QUOTED_CREDIT.search(text)
    if credit and (credit.re is _CREDIT or normalize(credit.group(1)) in AGENCIES):
        text = text[: credit.start()].rstrip() or text
    return bool(_TERMINAL.search(text))


def _is_chrome(text: str, norm: str, n_words: int) -> bool:
    if norm in CHROME_LINES or norm.startswith(CHROME_PREFIXES):
        return True
    if not _LETTER.search(norm):  # separators, counters, lone numbers
        return True
    # Short Latin-script lines on an Arabic page: "TT", "Site icon X", button labels.
    return n_words <= 4 and arabic_ratio(text) < 0.5


def _is_caption(norm: str, n_words: int) -> bool:
    credit = _CREDIT.search(norm)
    if credit and not _TERMINAL.search(norm[: credit.start()].rstrip()):
        inner = credit.group(1).strip().strip(".")
        if inner in AGENCIES or "/" in inner or re.fullmatch(r"(?:\w\s?\.\s?){2,4}\w?", inner):
            return True
    return n_words <= 25 and norm.startswith(CAPTION_OPENINGS) and not _TERMINAL.search(norm)
