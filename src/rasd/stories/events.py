"""Event extraction: the happenings an article reports, and their merging across a story.

An event is a sentence with a trigger (event_triggers), the actors among its entity
mentions, a place and the date of the happening. Precision comes first: a trigger inside
background ("رداً على …", "بعد …"), a plan (ستجري) or a pluperfect (وكان … قد) is not
a happening; a meeting or statement counts only with a day-level date (or «في بيان») —
the ledes that news writers use to report what happened — and a statement only when its
verb opens the sentence, so not every quote becomes an event.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date

from rasd.arabic.lexicon import STOPWORDS, proclitic_forms, split_proclitics, strip_proclitics
from rasd.arabic.normalize import normalize, words
from rasd.arabic.text import dateline, sentences
from rasd.record import Article
from rasd.understand.entities import group_mentions, role_before
from rasd.stories.event_triggers import (
    BACKGROUND, CITY, COLLECTIVE, COMPLEMENT, DAY, DECIDE, DESCRIBE, FRAMING, IN_PLACE, PARTIES, PERIOD, PLUPERFECT,
    REACTION, SAME_DAY, STATEMENT_MEDIUM, SUBJECT_END, TOPIC, TOPICAL, TYPES, Trigger, Word, tokens, triggers,
)

MAX_TOPICS = 5
MAX_EVENT_AGE_DAYS = 14  # older happenings an article names are its background
LEDE_SENTENCES = 2  # an article's opening sentences, where its principal statement is reported
PLACE_WINDOW = 10  # words after a speaker where "في X" tells where they spoke
SAME_WORDS = 0.4  # word overlap (Jaccard) of two evidence sentences that report one happening
# the first words of a sentence where a statement verb may stand ("وفي واشنطن، قال …")
OPENING = 4


@dataclass(slots=True)
class Event:
    type: str
    participants: list[str]
    place: str | None
    date: str | None
    topics: list[str]
    evidence: str
    start: int
    end: int
    by_parties: bool = False  # participants taken from "الجانبان …": not a detail of that event
    actors: list[str] = field(default_factory=list)  # unnamed participants as written ("مصدر أمني")

    def to_dict(self) -> dict:
        out = asdict(self)
        del out["by_parties"]
        return out


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    words: list[Word]
    mentions: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    known: dict[str, tuple[str, str]] = field(default_factory=dict)  # the article's names (one dict for all its sentences)
    first_day: str | None = None  # the article's first day-level date


def _by_sentence(spans: list[tuple[int, int]], items: list[dict]) -> list[list[dict]]:
    """Items (mentions, dates) of each sentence, in one pass: a long page stays linear."""
    starts = [s for s, _ in spans]
    out: list[list[dict]] = [[] for _ in spans]
    for item in items:
        k = bisect_right(starts, item["start"]) - 1
        if k >= 0 and item["start"] < spans[k][1]:
            out[k].append(item)
    return out


def find_events(article: Article) -> list[dict]:
    """The happenings the article reports, in text order (plain dicts, see module doc)."""
    text = article.text
    dateline_end, dateline_place = _dateline(article)
    found: list[Event] = []
    spans = [(max(s, dateline_end) if s < dateline_end < e else s, e) for s, e in sentences(text)]
    known = _known_names(article)
    first_day = next((d["value"] for d in article.dates if _day_level(d, article.published)), None)
    parsed = [_Sentence(s, e, tokens(text, s, e), mentions, dates, known, first_day)
              for (s, e), mentions, dates in zip(spans, _by_sentence(spans, article.entities),
                                                 _by_sentence(spans, article.dates))]
    for k, sent in enumerate(parsed):
        event = _event(article, k, parsed, found, dateline_place)
        if event and not _detail(event, found, sent, article.published):
            if event.place is None and event.type in ("statement", "accusation"):
                event.place = _place_later(article, parsed[k + 1:k + 3], event.participants)
            found.append(event)
    found += _quoted_statements(article, parsed, found)
    return [e.to_dict() for e in sorted(found, key=lambda e: e.start) if not _history(e, article.published)]


def _history(event: Event, published: str | None) -> bool:
    """A happening dated weeks before the article is background it recalls, not its news."""
    if not (event.date and published):
        return False
    return (date.fromisoformat(published) - date.fromisoformat(event.date)).days > MAX_EVENT_AGE_DAYS


def _quoted_statements(article: Article, parsed: list[_Sentence], found: list[Event]) -> list[Event]:
    """An article whose ledes report no statement still reports what its principal speaker
    said: the speaker quoted most (an entity, else a role as written: "مصدر أمني"; the
    first on a tie) makes one statement, evidenced by their first quote's sentence and dated
    by a day that sentence gives, else undated."""
    if any(e.type in ("statement", "accusation") for e in found):
        return []
    said: Counter[str] = Counter()
    first: dict[str, dict] = {}
    roles: dict[str, str] = {}
    lede_end = parsed[min(len(parsed), LEDE_SENTENCES) - 1].end if parsed else 0
    for quote in article.quotes:
        if quote["start"] >= lede_end:
            break
        speaker = quote.get("speaker_id")
        role = None if speaker else _role_phrase(quote.get("speaker"))
        key = speaker or role
        if key:
            said[key] += 1
            first.setdefault(key, quote)
            if role:
                roles[key] = role
    if not said:
        return []
    key = max(said, key=lambda k: (said[k], -first[k]["start"]))
    quote = first[key]
    starts = [sent.start for sent in parsed]
    k = max(0, bisect_right(starts, quote["start"]) - 1)
    sent = parsed[k]
    day = next((d["value"] for d in sent.dates if _day_level(d, article.published)), None)
    participants, actors = ([], [roles[key]]) if key in roles else ([key], [])
    return [Event("statement", participants, None, day, _topics(article.text, parsed, k, sent.words, 0),
                  article.text[sent.start:sent.end], sent.start, sent.end, actors=actors)]


def _role_phrase(speaker: str | None) -> str | None:
    """An unnamed speaker worth an event: a role or body of a few words ("مصدر أمني",
    "المتحدث باسم الوزارة"), not a pronoun or a lone article noun ("البيان", "التقرير")."""
    words = (speaker or "").split()
    if not 2 <= len(words) <= 6 or normalize(words[0]) in STOPWORDS:
        return None
    return speaker


def _place_later(article: Article, later: list[_Sentence], participants: list[str]) -> str | None:
    """"وقال زيلينسكي، خلال مؤتمر صحفي في أنقرة": where the same actor, speaking next, was."""
    for sent in later:
        opening = triggers(sent.words[:OPENING], article.text)
        mentions = sorted(sent.mentions + _unlinked(article, sent), key=lambda m: m["start"])
        speaker = next((m for m in mentions if m.get("entity_id") in participants), None)
        if not speaker or not any(t.type == "statement" for t in opening):
            continue
        near = [w.start for w in sent.words if w.start > speaker["start"]][:PLACE_WINDOW]
        for m in mentions:
            if m.get("entity_id") and m["type"] == "LOC" and near and m["start"] <= near[-1] \
                    and m["start"] > speaker["start"] and _word_before(article.text, m) == "في":
                return m["entity_id"]
    return None


def _detail(event: Event, found: list[Event], sent: _Sentence, published: str | None) -> bool:
    """A sentence without a day of its own that goes on about an event the article already
    reported ("ووقّع الوثيقة عن المجلس العسكري …"): its actors join that event. And a
    statement by the actors of an earlier event of that day is what they said there."""
    own_day = any(_day_level(d, published) for d in sent.dates)
    for earlier in reversed(found):
        if earlier.date != event.date:
            continue
        shared = set(earlier.participants) & set(event.participants)
        if event.type == "statement" and event.participants and set(event.participants) <= set(earlier.participants):
            return True
        if earlier.type == event.type and not own_day and not event.by_parties and (
                shared or (event.type not in ("statement", "accusation")
                           and not (earlier.participants and event.participants))):
            earlier.participants += [p for p in event.participants if p not in earlier.participants]
            return True
    return False


def _event(article: Article, k: int, parsed: list[_Sentence], found: list[Event], dateline: str | None) -> Event | None:
    """The event sentence k reports, if any (`found`: the article's events so far)."""
    text, sent = article.text, parsed[k]
    ws = sent.words
    if not ws or PLUPERFECT.match(" ".join(w.forms[0] for w in ws[:8])) or FRAMING.match(ws[0].forms[0]):
        return None
    (lo, hi), chosen, background = _choose(ws, triggers(ws, text))
    if chosen is None:
        return None
    seg_start, seg_end = ws[lo].start, ws[hi - 1].end
    seg_norm = normalize(text[seg_start:seg_end])
    day_dates = [d for d in sent.dates if _day_level(d, article.published)]
    if background and not any(seg_start <= d["start"] < seg_end for d in day_dates):
        return None  # only a trigger in background ("بعد أن …"), with no day of its own
    type_ = chosen.type
    opener = next((t for t in triggers(ws[:OPENING], text) if t.type == "statement"), None)
    if opener and ws[opener.index].match(REACTION) and type_ != "accusation":
        chosen, type_ = opener, "statement"  # "رحب بتوقيع الاتفاق" reports the welcome
    if opener and type_ in ("sanction", "meeting") and any(
            COMPLEMENT.match(w.forms[0]) for w in ws[opener.index:chosen.index]):
        chosen, type_ = opener, "statement"  # "قال إن الصين تعارض فرض عقوبات": what was said
    i = chosen.index
    anaphora = bool(found) and any(PARTIES.match(f) for w in ws[max(lo, i - 2):i + 3] for f in w.forms)
    if type_ == "statement":
        if not (i < OPENING or i <= lo + 1 or _after_comma(text, ws, i)):
            return None
        if not day_dates and not STATEMENT_MEDIUM.search(normalize(text[sent.start:sent.end])):
            return None
        if (ws[i].match(DECIDE) and COLLECTIVE.search(seg_norm)) or (anaphora and "بيان مشترك" in seg_norm):
            type_ = "agreement"  # a collective decision, a joint statement of the parties
    if type_ == "meeting" and not day_dates and k > 0:
        return None
    if anaphora and type_ != "statement":
        participants = list(found[-1].participants)  # "اتفق الجانبان": the parties just reported
    else:
        participants = _participants(article, sent, ws, (lo, hi), i, type_, dateline)
    if type_ == "statement" and ws[i].match(DESCRIBE) and len(participants) >= 2:
        type_ = "accusation"  # "وصف ترمب زيلينسكي بأنه ديكتاتور"
    if not participants and type_ == "statement":
        participants = _speaker(article, sent, i)
        if not participants:
            return None  # a statement is someone's; an untagged signatory still makes an agreement
    by_parties = anaphora and type_ != "statement"
    place = _place(article, sent, seg_start, seg_end, type_, found[-1].place if by_parties else dateline)
    return Event(type_, participants, place,
                 _date(article, k, parsed, seg_start, seg_end, found), _topics(text, parsed, k, ws, i),
                 text[sent.start:sent.end], sent.start, sent.end, by_parties)


def _participants(article: Article, sent: _Sentence, ws: list[Word], seg: tuple[int, int], i: int, type_: str,
                  dateline: str | None) -> list[str]:
    """Entity ids of the actors: the clause's mentions that are not places (nor, in a
    meeting, countries), not inside a quoted name, and not the dateline; for a statement
    the speaker, for an accusation speaker and accused, for an agreement its parties."""
    text = article.text
    lo, hi = ws[seg[0]].start, ws[seg[1] - 1].end
    mentions = [m for m in sent.mentions + _unlinked(article, sent) if m.get("entity_id") and lo <= m["start"] < hi]
    actors = [m for m in mentions if not _place_like(text, m, type_) and not (type_ == "meeting" and m["type"] == "LOC")
              and not _quoted(text, m) and m["entity_id"] != dateline]
    actors.sort(key=lambda m: m["start"])
    stop = _stop(ws, i, actors, sent.dates, "accusation" if ws[i].match(DESCRIBE) else type_)
    return list(dict.fromkeys(m["entity_id"] for m in actors if m["start"] < stop))


def _stop(ws: list[Word], i: int, actors: list[dict], dates: list[dict], type_: str) -> int:
    """Where the actors end: for a statement at the reported words (إن/أن/عن …) or the
    date after the verb; for an accusation at the charge (بممارسة …); for an agreement
    at its content (على …)."""
    if type_ not in ("statement", "accusation", "agreement"):
        return ws[-1].end
    seen = False
    for w in ws[i + 1:]:
        inside = any(m["start"] <= w.start < m["end"] for m in actors)
        seen |= inside
        if inside:
            continue
        f = w.forms[0]
        if type_ == "statement" and (SUBJECT_END.match(f) or any(d["start"] == w.start for d in dates)):
            return w.start
        if type_ == "accusation" and (SUBJECT_END.match(f) or seen and f.startswith("ب")):
            return w.start
        if type_ == "agreement" and f == "علي":
            return w.start
    return ws[-1].end


def _known_names(article: Article) -> dict[str, tuple[str, str]]:
    """The article's linked names (and people's family names) → (entity id, type)."""
    known: dict[str, tuple[str, str]] = {}
    for m in article.entities:
        if m.get("entity_id"):
            name = strip_proclitics(m["text"])  # "وواشنطن" is واشنطن; وليد stays وليد
            known.setdefault(name, (m["entity_id"], m["type"]))
            last = name.split()[-1] if name.split() else ""
            if m["type"] == "PER" and " " in name and len(last) >= 5 and not last.startswith("ال"):
                known.setdefault(last, (m["entity_id"], m["type"]))  # a family name, not "الروسي"
    return known


def _unlinked(article: Article, sent: _Sentence) -> list[dict]:
    """Names the tagger found elsewhere in the article but missed here ("وقّع ترامب"): the
    same spelling (or a person's last name) as a whole word, proclitics allowed."""
    known = sent.known
    taken = [(m["start"], m["end"]) for m in sent.mentions]
    out = []
    for w in sent.words:
        if any(s <= w.start < e for s, e in taken):
            continue
        for form in w.forms:
            if len(form) > 3 and form in known:
                entity_id, type_ = known[form]
                out.append({"text": article.text[w.start:w.end], "start": w.start, "end": w.end,
                            "type": type_, "entity_id": entity_id})
                break
    return out


def _quoted(text: str, m: dict) -> bool:
    """A place inside quotation marks names a thing ("إعلان جدة"), not an actor or a place
    (an organisation in quotes, "أوبك+", is still itself)."""
    if m["type"] != "LOC":
        return False
    line = text[max(0, m["start"] - 40):m["start"]]
    return (line.count('"') % 2 == 1) or line.rfind("«") > line.rfind("»")


def _after_comma(text: str, ws: list[Word], i: int) -> bool:
    return i > 0 and text[ws[i - 1].end:ws[i].start].strip() in ("،", ",")


def _choose(ws: list[Word], trigs: list[Trigger]) -> tuple[tuple[int, int], Trigger | None, bool]:
    """The clause that reports the happening, its strongest trigger (accusation > sanction >
    agreement > meeting > statement), and whether the clause is background. Background
    runs from a marker ("بعد", "رداً على" …) to the next reported words (إن/أن): "وقال بعد
    انتهاء الجولة إن الطرفين اتفقا" reports an agreement."""
    starts = {i for i in range(1, len(ws)) if BACKGROUND.match(" ".join(w.forms[0] for w in ws[i:i + 3]))}
    bounds, background, state = [0], [False], False
    for i, w in enumerate(ws):
        if i in starts:
            bounds.append(i)
            background.append(True)
            state = True
        elif state and COMPLEMENT.match(w.forms[0]):
            bounds.append(i)
            background.append(False)
            state = False
    bounds.append(len(ws))
    segments = [(lo, hi, bg) for lo, hi, bg in zip(bounds, bounds[1:], background) if hi > lo]
    for wanted in (False, True):
        inside = [(t, (lo, hi)) for lo, hi, bg in segments if bg == wanted for t in trigs if lo <= t.index < hi]
        if inside:
            best, seg = min(inside, key=lambda x: (TYPES.index(x[0].type), x[0].index))
            return seg, best, wanted
    return (0, len(ws)), None, False


def _day_level(d: dict, published: str | None) -> bool:
    norm = normalize(d["text"])
    if not d.get("value") or not DAY.search(norm) or PERIOD.search(norm):
        return False
    return published is None or d["value"] <= published


def _word_before(text: str, m: dict) -> str:
    before = normalize(text[max(0, m["start"] - 20):m["start"]]).split()
    return strip_proclitics(before[-1], min_stem=2) if before else ""


def _place_like(text: str, m: dict, type_: str) -> bool:
    """A LOC written as where something happens ("في جنيف", "بالرياض", "العاصمة الفنلندية
    هلسنكي"), or an institution's building ("في الكرملين"): not an actor. "الحرب في
    أوكرانيا" names a topic, not a place."""
    before = [strip_proclitics(w, min_stem=2) for w in normalize(text[max(0, m["start"] - 30):m["start"]]).split()]
    if len(before) > 1 and before[-1] == "في" and strip_proclitics(before[-2], article=True, min_stem=2) in TOPICAL:
        return False
    if m["type"] != "LOC" and before[-1:] and before[-1] in CITY:
        return True  # "في منتجع سوتشي", whatever type the tagger gave it
    if m["type"] == "ORG":
        return bool(before) and before[-1] == "في"
    if m["type"] != "LOC":
        return False
    if split_proclitics(m["text"])[0].endswith("ب"):  # "بالرياض": ب only comes off before the article
        return True
    last = before[-1:] + before[-2:-1]
    capital = any(w in ("عاصمه", "العاصمه") for w in before[-4:])  # "في عاصمة جنوب السودان جوبا"
    return bool(last) and (last[0] in IN_PLACE or any(w in IN_PLACE - {"في"} for w in last[1:]) or capital
                           or (type_ == "meeting" and last[0] == "الي"))


def _speaker(article: Article, sent: _Sentence, i: int) -> list[str]:
    """The speaker the quote finder linked, when their words follow the verb (أعلن الكرملين)."""
    after = sent.words[i + 1].start if i + 1 < len(sent.words) else sent.end
    return [q["speaker_id"] for q in article.quotes if q.get("speaker_id") and q.get("speaker_start") == after][:1]


def _place(article: Article, sent: _Sentence, lo: int, hi: int, type_: str, default: str | None) -> str | None:
    """Where it happened: a city the clause names as such ("بالعاصمة …", "في مدينة …",
    "بالرياض"), else the default (the dateline; for "اتفق الجانبان" where the parties
    met), else a "في X" of the clause. Nothing else: a place guessed from the rest of the
    article is wrong more often than right."""
    text = article.text

    def places(mentions: list[dict]) -> list[dict]:
        return [m for m in mentions if m.get("entity_id") and (m["type"] == "LOC" or _word_before(text, m) in CITY)
                and _place_like(text, m, type_) and not _quoted(text, m)]

    here = places([m for m in sent.mentions if lo <= m["start"] < hi])
    strong = [m for m in here if _word_before(text, m) not in ("في", "الي")]
    if strong:
        return strong[0]["entity_id"]
    return default or (here[0]["entity_id"] if here else None)


def _date(article: Article, k: int, parsed: list[_Sentence], lo: int, hi: int, found: list[Event]) -> str | None:
    """The day of the happening: a day-level date (not a period, not after publication) in
    the clause, else in the sentence, else in the previous sentence (the next one for a
    lede), else the article's first such date, else publication. "في اليوم ذاته" is the
    previous event's day."""
    sent = parsed[k]
    if found and SAME_DAY.search(normalize(article.text[sent.start:sent.end])):
        return found[-1].date
    in_clause = [d for d in sent.dates if lo <= d["start"] < hi and _day_level(d, article.published)]
    in_sentence = [d for d in sent.dates if _day_level(d, article.published)]
    near = parsed[k - 1] if k > 0 else parsed[k + 1] if k + 1 < len(parsed) else sent
    neighbour = [d for d in near.dates if _day_level(d, article.published)]
    for pool in (in_clause, in_sentence, neighbour):
        if pool:
            return pool[0]["value"]
    return sent.first_day or article.published


def _topics(text: str, parsed: list[_Sentence], k: int, ws: list[Word], i: int) -> list[str]:
    """Phrases after بشأن / حول / ملف / تناول in the sentence or the next one; else the
    words that follow the trigger."""
    topics: list[str] = []
    for sent in parsed[k:k + 2]:
        sw = sent.words
        for j, w in enumerate(sw):
            if TOPIC.match(w.forms[0]) and j + 1 < len(sw):
                phrase = _phrase(text, sw, j + 1)
                if phrase and phrase not in topics:
                    topics.append(phrase)
        if topics:
            break
    if not topics and i + 1 < len(ws):
        phrase = _phrase(text, ws, i + 1)
        topics = [phrase] if phrase else []
    return topics[:MAX_TOPICS]


def _phrase(text: str, ws: list[Word], j: int, size: int = 3) -> str:
    """Up to `size` words from ws[j], stopping at punctuation."""
    end = ws[j].end
    for w in ws[j + 1:j + size]:
        if re.search(r"[،,.؛:\"«»()]", text[end:w.start]):
            break
        end = w.end
    return text[ws[j].start:end]


def _dateline(article: Article) -> tuple[int, str | None]:
    """"هلسنكي - (المرصد) -" opens a wire story: where it was filed, usually where it happened."""
    found = dateline(article.text)
    if not found:
        return 0, None
    end, written = found
    place_end = article.text.find(written) + len(written)
    place = next((x["entity_id"] for x in article.entities if x["start"] < place_end and x.get("entity_id")), None)
    if place is None:  # the tagger missed the dateline: the same name elsewhere in the article
        name = normalize(written)
        place = next((x["entity_id"] for x in article.entities if x.get("entity_id") and x["type"] == "LOC"
                      and any(f in (name, "ال" + name) for f in proclitic_forms(x["text"]))), None)
    return end, place


# -- one story: the same happening told by several articles ---------------------------------

def same_event(a: dict, b: dict) -> bool:
    """Same type, dates that do not differ, and the same parties: one side's participants
    all among the other's, or two shared (one shared actor is not enough: Araghchi met
    Witkoff and, the same day, Tajani). Without known parties, evidence sentences that
    say the same thing (another outlet's rewrite)."""
    if a["type"] != b["type"]:
        return False
    if a.get("date") and b.get("date") and a["date"] != b["date"]:
        return False
    pa, pb = set(a["participants"]), set(b["participants"])
    if pa and pb:
        return pa <= pb or pb <= pa or len(pa & pb) >= 2
    wa, wb = set(words(a.get("evidence", ""))), set(words(b.get("evidence", "")))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= SAME_WORDS


def merge_events(found: list[tuple[str, dict]]) -> list[dict]:
    """Merge (article_id, event) pairs of one story that report the same happening."""
    groups: list[list[tuple[str, dict]]] = []
    for article_id, event in found:
        for group in groups:
            if any(same_event(event, other) for _, other in group):
                group.append((article_id, event))
                break
        else:
            groups.append([(article_id, event)])
    return [_merged(group) for group in groups]


def _merged(group: list[tuple[str, dict]]) -> dict:
    first_id, first = group[0]
    events = [e for _, e in group]
    participants = list(dict.fromkeys(p for e in events for p in e["participants"]))
    topics = list(dict.fromkeys(t for e in events for t in e.get("topics", [])))[:MAX_TOPICS]
    actors = list(dict.fromkeys(a for e in events for a in e.get("actors", [])))
    return {"type": first["type"], "participants": participants, "actors": actors,
            "place": _most_common(e.get("place") for e in events), "date": _most_common(e.get("date") for e in events),
            "topics": topics, "evidence": first["evidence"], "start": first["start"], "end": first["end"],
            "evidence_article": first_id, "article_ids": sorted({a for a, _ in group})}


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None  # ties: the first seen


class EventFinder:
    """Pipeline step, in the workers: `article.events` for every article that did not fail.

    Entities are not resolved yet where this runs, so the article's mentions are grouped
    among themselves (`group_mentions`, as the resolver does first) and each group gets a
    provisional id, kept on its mentions as `group`; EventLinker turns those into entity
    ids once the resolver has run."""

    name = "events"
    parallel = True

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                try:
                    _provisional_ids(article)
                    article.events = find_events(article)
                except Exception as exc:  # noqa: BLE001 - the article is kept, without events
                    article.events = []
                    article.meta.setdefault("warnings", []).append(f"events not found ({type(exc).__name__}: {exc})")
                for mention in article.entities:  # the resolver sets the real ones
                    mention.pop("entity_id", None)
                for quote in article.quotes:
                    quote["speaker_id"] = None
            yield article


def _provisional_ids(article: Article) -> None:
    """Mention groups as ids ("~3"), and each quote's speaker as the resolver will link it
    from the article alone: the first mention inside the speaker's words, else the person the
    article introduced with that role. (A speaker the resolver finds only by name in the
    archive stays unknown here: statements by such speakers are missed.)"""
    roles: dict[str, str] = {}
    for k, group in enumerate(group_mentions(article.text, article.entities)):
        for mention in group.mentions:
            mention["entity_id"] = mention["group"] = f"~{k}"
            role = role_before(article.text, mention)
            if role:
                roles[role] = mention["group"]
    for quote in article.quotes:
        start, end = quote.get("speaker_start"), quote.get("speaker_end")
        if start is not None:
            inside = [m for m in article.entities if m["start"] < end and start < m["end"]]
            quote["speaker_id"] = (min(inside, key=lambda m: m["start"])["entity_id"] if inside
                                   else roles.get(normalize(quote.get("speaker") or "")))


class EventLinker:
    """Pipeline step, after entity resolution: the events' provisional ids (mention groups)
    become the entity ids their mentions were resolved to."""

    name = "link-events"
    parallel = False

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            resolved = {m.pop("group"): m.get("entity_id") for m in article.entities if "group" in m}
            for event in article.events:
                event["participants"] = [*dict.fromkeys(resolved[p] for p in event["participants"] if resolved.get(p))]
                event["place"] = resolved.get(event["place"]) if event["place"] else None
            yield article
