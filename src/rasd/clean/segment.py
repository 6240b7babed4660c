"""Segmenter stage: a page's text in, one clean `Article` per article printed on it.

Drops boilerplate lines (chrome, captions, date stamps, repeats, teaser blocks) and
splits where a new article starts. A heading after body text starts a new article only
with evidence: the headline is printed twice (as scrapers copy title blocks), a wide gap
of blank lines precedes it, or a "read more" marker came before it. Otherwise it is a
subheading of the current article and stays in its body.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlsplit

from rasd.arabic import normalize
from rasd.arabic.lexicon import STOPWORDS, strip_proclitics
from rasd.clean.lines import SITE_ICON, Kind, Line, classify
from rasd.record import Article, digest

TEASER_MAX_WORDS = 120  # a block after "read more" this short is another article's teaser
FRAGMENT_MAX_WORDS = 60  # a cut-off block this short, anywhere, is a teaser
SHORT_ITEM_MIN_WORDS = 8  # fewer words under a lone headline are a link or a name, not an item
CAPTION_MAX_WORDS = 5  # an unpunctuated line this short between title and body is a caption
SECTION_OVERLAP = 0.15  # measured: unrelated articles on one page share < 0.1 of content words

_PUNCT = "\"'.,;:!?()[]-«»"


@dataclass(slots=True)
class _Segment:
    head: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    listing: bool = False  # came after a "read more" marker
    opened_by_gap: bool = False  # only a wide gap of blank lines marked its start

    @property
    def body_words(self) -> int:
        return sum(line.words for line in self.body)

    @property
    def teaser(self) -> bool:
        if not self.body:
            return True
        cut_off = not self.body[-1].complete
        if self.listing:
            return self.body_words < TEASER_MAX_WORDS or cut_off
        return cut_off and self.body_words < FRAGMENT_MAX_WORDS


class Segmenter:
    """Splits pages into articles and strips their boilerplate."""

    name = "segment"
    parallel = True

    def run(self, pages: Iterable[Article]) -> Iterator[Article]:
        for page in pages:
            if page.failed or page.html is not None:
                yield page
                continue
            articles = self.split(page)
            if not articles:
                yield page.fail("no article text left after removing boilerplate")
            yield from articles

    def split(self, page: Article) -> list[Article]:
        lines = [classify(raw) for raw in page.text.splitlines()]
        site_chrome = set(page.meta.get("site_chrome", ()))  # marked by rasd.clean.site_chrome
        for line in lines:
            if line.kind is Kind.HEADING and line.norm in site_chrome:
                line.kind = Kind.CHROME
        segments = _segments(lines)
        # A page whose only text is one short, unpunctuated item (a photo story, a brief)
        # keeps it: the teaser rule is for blocks that follow an article, not for the article.
        kept = [s for s in segments if not s.teaser] or [s for s in segments if s.body and not s.listing][:1]
        if not kept and len(segments[0].head) > 1:  # only short unpunctuated lines: title, then body
            title, *rest = segments[0].head
            if sum(line.words for line in rest) >= SHORT_ITEM_MIN_WORDS:
                kept = [replace(segments[0], head=[title], body=rest)]
        page_date = next((d for s in segments for d in s.dates), None)
        site_name = next((m.group(1).strip() for line in lines if line.kind is Kind.CHROME
                          and (m := SITE_ICON.match(line.text))), None)
        articles = []
        for index, seg in enumerate(kept):
            title, subtitle = _title(seg, page.title if index == 0 else None)
            article = replace(
                page,
                text="\n\n".join(line.text for line in seg.body),
                page_index=index,
                page_articles=len(kept),
                id=digest(page.page_key, str(index), size=8),
                title=title,
                sources=[],
                meta={**page.meta, "subtitle": subtitle} if subtitle else dict(page.meta),
            )
            _fill_published(article, seg.dates[0] if seg.dates else page_date)
            _fill_source(article, site_name)
            articles.append(article)
        if articles:
            articles[0].meta["teasers_dropped"] = len(segments) - len(kept)
            for article in articles:
                article.meta.pop("site_chrome", None)
        return articles


def _segments(lines: list[Line]) -> list[_Segment]:
    headings = Counter(line.norm for line in lines if line.kind is Kind.HEADING)
    printed_twice = {norm for norm, n in headings.items() if n > 1}
    seen: set[str] = set()
    segments = [_Segment()]
    gap = 0
    listing = False
    for line in lines:
        current = segments[-1]
        if line.kind is Kind.BLANK:
            gap += 1
            continue
        if line.kind is Kind.MARKER:
            listing = True
        elif line.kind is Kind.DATE:
            current.dates.append(line.date)
        elif line.kind in (Kind.HEADING, Kind.PARAGRAPH) and line.norm not in seen:
            seen.add(line.norm)
            if line.kind is Kind.HEADING and current.body:
                if line.norm in printed_twice or gap >= 2 or listing:
                    segments.append(_Segment(listing=listing, opened_by_gap=not listing and line.norm not in printed_twice))
                    current = segments[-1]
            (current.body if current.body or line.kind is Kind.PARAGRAPH else current.head).append(line)
        gap = 0
    return _merge_sections(segments)


def _merge_sections(segments: list[_Segment]) -> list[_Segment]:
    """Put back sections that a gap split off but that go on with the same subject.

    Long features space their subheadings widely too; what tells a new article from a new
    section is whether the text talks about the same things (shared content words).
    """
    merged = [segments[0]]
    words = [_content_words(segments[0])]  # of each merged segment, kept up to date: no re-counting
    for seg in segments[1:]:
        seg_words = _content_words(seg)
        if seg.opened_by_gap and _overlap(words[-1], seg_words) >= SECTION_OVERLAP:
            prev = merged[-1]
            prev.body += seg.head + seg.body
            prev.dates += seg.dates
            words[-1] |= seg_words
        else:
            merged.append(seg)
            words.append(seg_words)
    return merged


def _content_words(seg: _Segment) -> set[str]:
    found = set()
    for line in seg.head + seg.body:
        for word in line.norm.split():
            word = strip_proclitics(word.strip(_PUNCT), article=True)
            if len(word) >= 4 and word not in STOPWORDS:
                found.add(word)
    return found


def _overlap(wa: set[str], wb: set[str]) -> float:
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _title(seg: _Segment, given: str | None) -> tuple[str | None, list[str]]:
    """The headline, and the subtitle lines under it (short unpunctuated ones are captions).

    A title the input gave (HTML <title>, JSON Lines `title`) wins when the page prints it;
    otherwise the first heading printed on the page is the title.
    """
    head = seg.head
    if given:
        wanted = normalize(given)
        match = next((i for i, line in enumerate(head) if line.norm == wanted), None)
        if match is not None:
            head = head[match:]
        elif head and not wanted.startswith(head[0].norm):
            return given, []
    if not head:
        return given, []
    return head[0].text, [line.text for line in head[1:] if line.words > CAPTION_MAX_WORDS]


def _fill_published(article: Article, on_page: date | None) -> None:
    if article.published:
        article.meta.setdefault("published_from", "input")
        return
    for value, origin in (
        (on_page.isoformat() if on_page else None, "page"),
        (article.meta.get("warc_date"), "warc-date"),
        (article.meta.get("fallback_published"), "cli"),
    ):
        if value:
            article.published, article.meta["published_from"] = value, origin
            return


def _fill_source(article: Article, site_name: str | None) -> None:
    if not article.source:
        host = urlsplit(article.url).hostname if article.url else None
        article.source = (site_name or article.meta.get("fallback_source")
                          or (host.removeprefix("www.") if host else None))
