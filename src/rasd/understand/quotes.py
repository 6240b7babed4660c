"""Quotations and who said them: direct quotes in « », “ ”, " ", and reported speech.

Rules over the article's sentences: a speech verb (قال، أكد، أوضح …) with the speaker
between it and the quote or the إن/أن that opens reported speech; a quote followed by
"، قال الوزير"; continuation verbs with no subject (وأضاف، وتابع) and participles
(مضيفاً أن) continue the last speaker. The speaker is kept as written, with its span, so
that the entity stage can link it to an entity (`speaker_id`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rasd.arabic.lexicon import CONJUNCTION_PATTERN, OUTLET_NOUNS, SPEECH_VERBS, STOPWORDS, load, proclitic_forms, strip_proclitics
from rasd.arabic.normalize import normalize
from rasd.arabic.text import sentences
from rasd.understand.names import title_words
from rasd.record import Article

_M = "[\u064b-\u0652]*"
_C = CONJUNCTION_PATTERN  # و or ف before a verb


def _forms(*stems: str) -> str:
    """Speech verbs as written: hamza variants, feminine ت, a harakah or two."""
    out = []
    for stem in stems:
        pattern = "".join({"ا": "[اأإآ]", "ي": "[يى]", "ه": "[هة]", "و": "[وؤ]"}.get(ch, re.escape(ch)) + _M for ch in stem)
        out.append(pattern + "(?:ت|وا)?")  # قالت، أكدوا
    return "|".join(out)


# Verbs whose subject is the speaker (the lexicon's speech verbs; _VERB adds their clitic و/ف).
VERBS = _forms(*SPEECH_VERBS)
# Participles that report what the sentence's subject said: "…، مضيفاً أن …".
PARTICIPLES = _forms("مضيفا", "موضحا", "موكدا", "مشيرا", "مشددا", "معتبرا", "لافتا", "قائلا", "مردفا", "متابعا",
                     "مضيفه", "موضحه", "موكده", "مشيره", "قايلا", "مبينا", "منوها", "مبينه", "منوهه",
                     "مشيرين", "موكدين", "مضيفين", "معتبرين", "بتاكيده", "بتاكيدها")
# "وصف المحادثات بأنها «…»": the object follows the verb; the speaker is the subject before it.
DESCRIBE = re.compile(rf"^{_C}?{_forms('وصف')}(?:ه|ها|هم)?$")
_SUBJECT = re.compile(r"(?:^|[،,]\s*|\s)(?:فإن|وإن|إن|أن|فيما|بينما)\s+(?P<who>[^،,«»\"]{2,40}?)\s*(?:،|,)")
CONTINUE = {normalize(v) for v in ("أضاف", "وأضاف", "تابع", "وتابع", "أردف", "وأردف", "زاد", "وزاد", "استطرد", "واستطرد",
                                    "مضى", "ومضى", "أضافت", "وأضافت", "تابعت", "وتابعت", "ختم", "وختم")}

_QUOTE = re.compile(r"«(?P<a>[^«»]{1,1500})»|“(?P<b>[^“”]{1,1500})”|\"(?P<c>[^\"\n]{1,1500})\"")
_VERB = re.compile(rf"(?<![^\W\d_])(?P<verb>{_C}?(?:{VERBS})|{_C}?{_forms('وصف')}(?:ه|ها|هم))(?![^\W\d_])")
_PARTICIPLE = re.compile(rf"(?<![^\W\d_])(?P<verb>{PARTICIPLES})ً?(?![^\W\d_])")
# What opens the quoted or reported words after the speaker.
_OPENER = re.compile(r"\s*(?::|بقوله\s*:?|قائل[اةً]*\s*:?|[إأا]?ن(?:ه|ها|هم|هما)?(?=\s)|ب[أا]ن(?:ه|ها|هم)?|[إا]لى\s+[أا]ن(?:ه|ها)?|على\s+[أا]ن(?:ه|ها)?|من\s+[أا]ن(?:ه|ها)?)\s*")
_AFTER = re.compile(rf"[\s،,]*(?:كما\s+)?(?:(?P<verb>{VERBS}|{PARTICIPLES})|بحسب|حسب(?:ما)?|وفق[اًا]*\s+ل(?:ـ)?|وفق[اًا]*(?=\s+ما\s))\s*(?P<who>[^،,.؟!«»\"]{{2,60}})")
_SPEAKER_STOP = re.compile(r"[،,:«“\"(]|\s(?:في|عن|خلال|أمام|عبر|لدى|عقب|بعد|اليوم|أمس|مساء|صباح|مساء|ردا|رداً|لوكالة|لصحيفة|لقناة|للصحافيين|للصحفيين|للوكالة)(?=[\s.،,:؟!]|$)")
_TIME_WORDS = ("اليوم", "أمس", "غدا", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة",
               "السبت", "مساء", "صباح", "فجر", "ليل", "الشهر", "الأسبوع", "العام", "السنة", "لاحقا", "لاحقاً",
               "أيضا", "أيضاً", "مجددا", "مجدداً", "كذلك", "بدوره", "بدورها", "بدورهم", "من جهته", "من جهتها", "الماضي",
               "المقبل", "الجاري", "الحالي")
_LEADING_NOT_SPEAKER = re.compile(
    r"\s*(?:(?:" + "|".join(sorted(map(re.escape, _TIME_WORDS), key=len, reverse=True)) + r")(?![^\W\d_])|[،,])\s*")
MAX_SPEAKER_WORDS = 12
MIN_UNATTRIBUTED_WORDS = 4  # shorter quoted words with no speech verb are names or scare quotes
MAX_NAME_WORDS = 4  # «…» after صحيفة، شركة، تنظيم … is a name when this short
MIN_QUOTED_WORDS = 3  # «…» of one or two words is a name or a term, except after وصف

NAME_HEADS = frozenset(load("name_heads")) | OUTLET_NOUNS
NOT_SPEAKERS = frozenset(load("not_speakers"))
# a name in quote marks or brackets, inside a speaker or outlet phrase
_MARKED = r"«[^«»]{1,40}»|\"[^\"\n]{1,40}\"|“[^“”]{1,40}”"
_MARKED_NAME = re.compile(_MARKED)
_OUTLET_NOUN = "|".join(sorted((_forms(n) for n in OUTLET_NOUNS), key=len, reverse=True))
_OUTLET_NAME = "|".join(sorted((_forms(n).replace(" ", r"\s+") for n in load("outlet_names")), key=len, reverse=True))
# "لـ«الشرق الأوسط»", "لصحيفة الحياة", "في حديث إلى قناة «العربية»": the outlet a statement went to
_VIA = re.compile(rf"(?<![^\W\d_])(?:(?:لـ*|إلى|مع)\s*(?P<marked>{_MARKED})|(?:ل|إلى\s+|مع\s+)(?P<outlet>(?:ال)?(?:{_OUTLET_NOUN})"
                  rf"(?![^\W\d_])(?:\s*(?:{_MARKED}))?(?:\s+(?!(?:في|عن|أن|إن|بأن|خلال|على|من|إلى|حول|أمس|اليوم|مساء|صباح)"
                  rf"(?![^\W\d_]))[^\s«\"“،,:.؟!]+){{0,4}}|(?:ل|ال)?(?:{_OUTLET_NAME})(?![^\W\d_])))")
# "بحسب ما نقلت وكالة X عن Y", "وفق ما أوردت صحيفة X"; "أفادت وكالة X نقلا عن مصادر"
_AS_RELAYED = re.compile(r"ما\s+(?:نقل|ذكر|أورد|أفاد|قال|نشر|بث|أعلن)[^\s]*\s+(?P<via>.+?)(?:\s+عن\s+(?P<who>.+))?$")
_CITING = re.compile(r"\s+نقلا?ً?\s+عن\s+")
_AS_PUBLISHED = re.compile(r"\s(?:ب?حسب|وفق[اًا]*)\s+ما\s+(?:نشر|نقل|ذكر|أورد|أفاد|بث)\S*\s+")


class Speaker(NamedTuple):
    """Who speaks, as written with its span, and the outlet the words were relayed through."""

    text: str
    start: int
    end: int
    via: str | None = None


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None  # as written
    speaker_start: int | None
    speaker_end: int | None
    direct: bool
    via: str | None = None  # the agency or outlet that relayed the words, as written

    @classmethod
    def said(cls, text: str, start: int, end: int, speaker: Speaker | None, direct: bool) -> Quote:
        if speaker is None:
            return cls(text[start:end], start, end, None, None, None, direct)
        # an outlet with no one named keeps its `via` (speaker.text is None then)
        return cls(text[start:end], start, end, speaker.text, speaker.start, speaker.end, direct, speaker.via)

    def to_dict(self) -> dict:
        # speaker_id is for the entity stage to fill, once speakers can be linked to entities
        return {"text": self.text, "start": self.start, "end": self.end, "speaker": self.speaker,
                "speaker_id": None, "direct": self.direct,
                "speaker_start": self.speaker_start, "speaker_end": self.speaker_end, "via": self.via}


MENTION_REACH = 200  # characters past a sentence where a speaker's title may still end in a name

def find_quotes(text: str, mentions: Sequence[dict] = ()) -> list[Quote]:
    """Quotes in text order. `mentions` (entity spans, if the tagger ran) help find who
    is speaking when the verb comes first: "ووصف الوزير المحادثات بأنها …"."""
    quotes: list[Quote] = []
    last: Speaker | None = None  # the last speaker, for "وأضاف"
    everywhere = sorted(mentions, key=lambda m: m["start"])
    starts = [m["start"] for m in everywhere]
    for s_start, s_end in sentences(text):
        # the sentence's mentions (and those just after it, which a title may reach): a
        # long page stays linear
        mentions = everywhere[bisect_left(starts, s_start):bisect_left(starts, s_end + MENTION_REACH)]
        found_here: list[Quote] = []
        for m in _QUOTE.finditer(text, s_start, s_end):
            q_start, q_end = m.start() + 1, m.end() - 1
            if _is_name(text, s_start, m):
                continue
            # "قال X إن …، مشدداً على أن «…»", "أعلن X أن …، لكنه أكد «…»": the sentence's named
            # speaker goes on through its participles and pronouns, before the last one does.
            speaker, how = _speaker_before(text, s_start, m.start(), _named_speaker(text, s_start, m.start()), last, mentions)
            if speaker is None:
                speaker, how = _speaker_after(text, m.end(), s_end)
            words = len(text[q_start:q_end].split())
            if how is None and words < MIN_UNATTRIBUTED_WORDS or words < MIN_QUOTED_WORDS and how != "describe":
                continue  # a name or a term in quote marks; "وصفها بـ«المفيدة»" is the exception
            if how is None and last and words >= MIN_UNATTRIBUTED_WORDS and _continues(text, s_start, m.start()):
                speaker = last
            found_here.append(Quote.said(text, q_start, q_end, speaker, direct=True))
            if speaker and speaker.text:
                last = speaker
        # reported speech: the sentence's own, or what a participle adds after a quote ("«…»، موضحا أن …")
        after = found_here[-1].end + 1 if found_here else s_start
        for reported in _reported(text, after, s_end, _named_speaker(text, s_start, s_end), last, mentions,
                                  participles_only=bool(found_here)):
            found_here.append(reported)
            if reported.speaker:
                last = Speaker(reported.speaker, reported.speaker_start, reported.speaker_end, reported.via)
        quotes += found_here
    return [_named_body(text, q, everywhere) for q in quotes]


def _named_body(text: str, quote: Quote, mentions: Sequence[dict]) -> Quote:
    """"وأكدت الهيئة": the body the article named in full before ("هيئة تنظيم الكهرباء …")."""
    word = normalize(quote.speaker or "")
    if " " in word or not word.startswith("ال") or len(word) < 5 or word in STOPWORDS:
        return quote
    head = word[2:]
    named = [m for m in mentions if m["end"] <= (quote.speaker_start or 0) and m["type"] in ("ORG", "PER")
             and strip_proclitics(m["text"].split()[0], article=True) == head and " " in m["text"].strip()]
    if not named:
        return quote
    m = named[-1]
    return Quote(quote.text, quote.start, quote.end, m["text"], m["start"], m["end"], quote.direct, quote.via)


def _speaker_before(text: str, s_start: int, q_start: int, sent, last, mentions) -> tuple[Speaker | None, str | None]:
    """The speech verb nearest before the quote in its sentence, and the speaker after it."""
    verbs = list(_VERB.finditer(text, s_start, q_start)) + list(_PARTICIPLE.finditer(text, s_start, q_start))
    if not verbs:
        return None, None
    verb = max(verbs, key=lambda v: v.start())
    if DESCRIBE.match(normalize(verb.group("verb"))):
        return _describer(text, s_start, verb, mentions) or sent or last, "describe"
    between = text[verb.end():q_start]
    if _PARTICIPLE.fullmatch(verb.group()) or normalize(verb.group("verb")) in CONTINUE and not _named(between):
        return sent or _mention_before(text, s_start, verb.start(), mentions) or last, "continue"
    who = _with_name(text, _quoted_from(text, verb, q_start) or _speaker_and_via(text, verb.end(), q_start), q_start, mentions)
    if who is not None and who.text is None:  # "أكد لـ«الشرق الأوسط» أن": relayed, the subject came first
        return (sent or _mention_before(text, s_start, verb.start(), mentions) or last or who)._replace(via=who.via), "verb"
    if who is None:  # "وكان X قد قال:", "أما X فقال:", "X … وقال في كلمته:": the subject came first
        return sent or _mention_before(text, s_start, verb.start(), mentions) or last, "continue"
    return who, "verb"


NAME_REACH = 90  # characters from a speaker's title to the person's name: "عميد … عن بعد د. X"


def _with_name(text: str, who: Speaker | None, end: int, mentions: Sequence[dict]) -> Speaker | None:
    """"قال عميد التعلم الإلكتروني والتعليم عن بعد د. عبدالعزيز العامر إن": the speaker phrase
    stopped at a preposition inside the title; a person named before `end` is who speaks."""
    if who is None or who.text is None:
        return who
    if any(m["type"] == "PER" and m["start"] < who.end and who.start < m["end"] for m in mentions):
        return who  # already a name: "قال روبيو في تصريحات … إن الرئيس ترامب «…»" is Rubio's
    for m in mentions:
        if m["type"] == "PER" and who.end <= m["start"] < end and m["start"] - who.end <= NAME_REACH \
                and not re.search(r"[«“\":؟!]|\s(?:[إأا]ن|ب[أا]ن)(?:ه|ها|هم)?\s", text[who.end:m["start"]]):
            return Speaker(text[who.start:m["end"]], who.start, m["end"], who.via)
        if m["start"] >= end:
            break
    return who


def _named_speaker(text: str, start: int, end: int) -> Speaker | None:
    """The first speaker named after a speech verb in text[start:end], if any."""
    for verb in _VERB.finditer(text, start, end):
        if DESCRIBE.match(normalize(verb.group("verb"))):
            continue
        stop = next((q for q in _QUOTE.finditer(text, verb.end(), end) if not _is_name(text, start, q)), None)
        who = _speaker_and_via(text, verb.end(), stop.start() if stop else end)
        if who and who.text and not _REPORTED_OPENER.match(" " + who.text + " "):
            return who
    return None


def _speaker_after(text: str, q_end: int, s_end: int):
    m = _AFTER.match(text, q_end, s_end)
    if not m:
        return None, None
    relayed = _AS_RELAYED.match(text, m.start("who"), m.end("who"))
    if relayed:  # "«…»، بحسب ما نقلت وكالة X عن Y": Y through X; X alone speaks when no one is named
        if relayed.group("who"):
            who = _speaker_span(text, relayed.start("who"), relayed.end("who"))
            return (who._replace(via=_unmarked(relayed.group("via"))) if who else None), "after"
        return _speaker_span(text, relayed.start("via"), relayed.end("via")), "after"
    return _speaker_span(text, m.start("who"), m.end("who")), "after"


def _reported(text: str, s_start: int, s_end: int, sent, last, mentions, participles_only: bool = False) -> list[Quote]:
    """"قال فلان إن …": the clause after إن/أن to the end of the sentence, or to a participle
    that reports more ("…، مبينا أن …": a second quote of the same speaker); "وقال: …" with no
    quote marks is reported too."""
    verbs = sorted(([] if participles_only else list(_VERB.finditer(text, s_start, s_end)))
                   + list(_PARTICIPLE.finditer(text, s_start, s_end)), key=lambda v: v.start())
    for i, verb in enumerate(verbs):
        rest_start = verb.end()
        opener = _REPORTED_OPENER.search(text, rest_start - 1, s_end)
        colon = _COLON_OPENER.search(text, rest_start, min(s_end, rest_start + 80))
        if colon and (not opener or colon.end() <= opener.start()):
            opener = colon
        reach = 160 if strip_proclitics(verb.group("verb")).startswith("نقل") else 80  # "نقلت X عن Y، …، قوله إن"
        if not opener or opener.start() - rest_start > reach:
            continue
        if any(rest_start <= other.start() < opener.start() for other in verbs[i + 1:]):
            continue  # a later verb is the one that reports
        earlier = _named_speaker(text, s_start, verb.start()) or _mention_before(text, s_start, verb.start(), mentions)
        if DESCRIBE.match(normalize(verb.group("verb"))):
            speaker = _describer(text, s_start, verb, mentions) or sent or last
        elif _PARTICIPLE.fullmatch(verb.group()):
            speaker = earlier or last
        else:
            speaker = _with_name(text, _quoted_from(text, verb, opener.start())
                                 or _speaker_and_via(text, rest_start, opener.start()), opener.start(), mentions)
            if speaker is not None and speaker.text is None:  # relayed, no one named after the verb
                speaker = (earlier or last or speaker)._replace(via=speaker.via)
            speaker = speaker or earlier or last
        clause_start = opener.end()
        clauses = []
        for more in _MORE.finditer(text, clause_start, s_end):
            clauses.append((clause_start, more.start()))
            clause_start = more.end()
        clauses.append((clause_start, s_end))
        out = []
        for start, end in clauses:
            while end > start and text[end - 1] in ".؟!… ،,":
                end -= 1
            if len(text[start:end].split()) >= 3:
                out.append(Quote.said(text, start, end, speaker, direct=False))
        if out:
            return out
    return []


# "…، مبينا أن …", "…، مؤكدين بأن …": a participle after a reported clause reports another
_MORE = re.compile(rf"[،,]\s*(?:و)?(?:{PARTICIPLES})ً?\s*(?:[إأا]ن|ب[أا]ن|[إا]لى\s+[أا]ن|على\s+[أا]ن)(?:ه|ها|هم|هما)?\s")
# "وقال: شملت الحملة …" — words after a colon with no quote marks
_COLON_OPENER = re.compile(r"\s*:\s*(?![«“\"])")


_REPORTED_OPENER = re.compile(r"[\s،,](?:[إأا]?ن|ب[أا]ن|[إا]لى\s+[أا]ن|على\s+[أا]ن|من\s+[أا]ن)(?:ه|ها|هم|هما)?\s")


def _describer(text: str, s_start: int, verb: re.Match[str], mentions: Sequence[dict]) -> Speaker | None:
    """Who describes in "وصف …": a name or title right after the verb, else the subject before it."""
    after = verb.end()
    while after < len(text) and text[after] == " ":
        after += 1
    words = text[after:after + 80].split()
    n = title_words(normalize(" ".join(words[:6] + ["x"])))
    reach = after + (len(" ".join(words[:n])) + 40 if n else 0)
    for m in mentions:  # "وصف المتحدث باسم الحكومة إيلون ليفي الدعوى …": title and name
        if after <= m["start"] <= reach and m["type"] in ("PER", "ORG"):
            return Speaker(text[after:m["end"]], after, m["end"])
    if n:
        phrase = " ".join(words[:n])
        return Speaker(phrase, after, after + len(phrase))
    return _subject_before(text, s_start, verb.start()) or _mention_before(text, s_start, verb.start(), mentions)


# "نقلت وكالة «تسنيم» عن محمد جعفري، قائد الحرس، قوله": who relayed (`via`), then who spoke
_FROM = re.compile(rf"(?P<via>(?:[^«“\"،,.]|{_MARKED}){{0,120}}?)\sعن\s+(?P<who>[^«“\"،,]{{2,80}}?)"
                   r"(?:\s*[،,][^،,«»\"“]{1,80}[،,])?\s*(?:قوله|قولها|قولهم|تأكيده|تأكيدها)?[،,]?\s*(?=إن|أن|:|«|“|\")")


def _quoted_from(text: str, verb: re.Match[str], end: int) -> Speaker | None:
    """"نقلت الوكالة عن ولي العهد قوله إن …": the speaker is the one quoted from, the one who
    quotes is the `via`."""
    if not strip_proclitics(verb.group("verb")).startswith("نقل"):
        return None
    m = _FROM.match(text, verb.end(), end + 3)  # the lookahead must see the opener at `end`
    if not m:
        return None
    who = m.group("who").strip()
    return Speaker(who, m.start("who"), m.start("who") + len(who), _unmarked(m.group("via")) or None)


def _unmarked(phrase: str) -> str:
    return re.sub(r"[«»\"“”]", "", phrase).strip(" \t\n،,")


def _is_head(word: str) -> bool:
    """صحيفة، والصحيفة، لصحيفة، وللشركة …: one of NAME_HEADS with or without its proclitics."""
    return not NAME_HEADS.isdisjoint(proclitic_forms(word.strip("ـ")))


def _is_name(text: str, s_start: int, m: re.Match[str]) -> bool:
    """«…» right after صحيفة، شركة، تنظيم … (or لـ) and only a few words long: a name, not a quote."""
    if len(m.group().split()) > MAX_NAME_WORDS:
        return False
    before = text[max(s_start, m.start() - 40):m.start()].rstrip(" ـ")
    if before.endswith("ل") and (len(before) == 1 or not before[-2].isalpha()):  # "لـ«الحياة»"
        return True
    words = before.split()
    if not words:
        return False
    if _VERB.fullmatch(words[-1]) and text[m.end():m.end() + 3].lstrip()[:1] in (":", "،", ","):
        return True  # وقال «اليوسفي»: … — who speaks, in quote marks
    return _is_head(words[-1])


def _speaker_and_via(text: str, start: int, end: int) -> Speaker | None:
    """The speaker after a verb, and the outlet it spoke to: "قال مسؤول لـ«الشرق الأوسط»" and
    "قال لصحيفة الحياة وزير …"; a Speaker with no text when only the outlet is there."""
    published = _AS_PUBLISHED.search(text, start, end)
    if published:
        who = _speaker_span(text, start, published.start())
        outlet = _speaker_span(text, published.end(), end)
        if who and outlet:
            return who._replace(via=_unmarked(outlet.text))
    citing = _CITING.search(text, start, end)
    if citing:  # "أفادت وكالة X نقلا عن مصادر أمنية أن": the sources speak, through the agency
        who = _speaker_span(text, citing.end(), end)
        outlet = _speaker_span(text, start, citing.start())
        if who:
            return who._replace(via=_unmarked(outlet.text) if outlet else None)
    via = _VIA.search(text, start, end)
    if not via:
        return _speaker_span(text, start, end)
    outlet = _unmarked(via.group("marked") or via.group("outlet"))
    who = _speaker_span(text, start, via.start()) or _speaker_span(text, via.end(), end)
    return who._replace(via=outlet) if who else Speaker(None, None, None, outlet)


def _mention_before(text: str, s_start: int, verb_start: int, mentions: Sequence[dict]) -> Speaker | None:
    """Who the sentence is about before its verb: the first person it names ("تعهد الأمير X
    بعودة أندية … لدوري Y، وقال"), else the organisation named last."""
    before = [m for m in mentions if s_start <= m["start"] and m["end"] <= verb_start and m["type"] in ("PER", "ORG")
              and not _inside_quote(text, s_start, m["start"])]
    if not before:
        return None
    people = [m for m in before if m["type"] == "PER"]
    m = min(people, key=lambda m: m["start"]) if people else max(before, key=lambda m: m["start"])
    return Speaker(m["text"], m["start"], m["end"])


def _inside_quote(text: str, s_start: int, pos: int) -> bool:
    return text.count("«", s_start, pos) > text.count("»", s_start, pos)


def _subject_before(text: str, s_start: int, verb_start: int) -> Speaker | None:
    """"فإن يوري أوشاكوف، مساعد …، وصف …": the named subject the sentence put first."""
    matches = list(_SUBJECT.finditer(text, s_start, verb_start))
    if not matches:
        return None
    m = matches[-1]
    who = m.group("who").strip()
    return Speaker(who, m.start("who"), m.start("who") + len(who))


_SPEAKER_OPENER = re.compile(r"[\s،,](?:[إأا]?ن|ب[أا]ن|[إا]لى|على|قائلا|قائلاً|بقوله|بالقول)(?:ه|ها|هم|هما)?(?=\s|:|$)")


def _speaker_span(text: str, start: int, end: int) -> Speaker | None:
    """The speaker phrase: from after the verb to a comma, colon, preposition or opener; a
    name in quote marks after صحيفة، شركة … belongs to it ("أفادت صحيفة «التايمز» البريطانية")."""
    while start < end and text[start] in " \t\n،,":
        start += 1
    # Addressee and manner are not the speaker: "قال لي", "وأضاف بأسى", "تقول للمسؤول".
    while start < end:
        word = text[start:end].split(maxsplit=1)[0] if text[start:end].strip() else ""
        bare = normalize(word).strip("ـ:،,")
        if bare not in NOT_SPEAKERS and not bare.startswith("لل"):
            break
        start += len(word)
        while start < end and text[start] in " \t\n،,":
            start += 1
    marked = _MARKED_NAME.match(text, start, end)
    if marked and len(marked.group().split()) <= MAX_NAME_WORDS and text[marked.end():marked.end() + 3].lstrip()[:1] in (":", "،", ","):
        return Speaker(marked.group()[1:-1], marked.start() + 1, marked.end() - 1)
    cut = _SPEAKER_STOP.search(text, start, end)
    while cut and text[cut.start()] in "«“\"" and text[start:cut.start()].split() and _is_head(text[start:cut.start()].split()[-1]):
        marked = _MARKED_NAME.match(text, cut.start(), end)
        if not marked:
            break
        cut = _SPEAKER_STOP.search(text, marked.end(), end)
    opener = _SPEAKER_OPENER.search(text, start - 1, end)
    stop = min([p for p in (cut.start() if cut else None, opener.start() if opener else None, end) if p is not None])
    # A time or place phrase right after the verb is not the speaker: "وقال في خطاب متلفز".
    lead = _LEADING_NOT_SPEAKER.match(text, start, stop)
    while lead and lead.end() > start:
        start = lead.end()
        lead = _LEADING_NOT_SPEAKER.match(text, start, stop)
    phrase = text[start:stop].strip(" \t\n،,:")
    words = phrase.split()
    if not words or len(words) > MAX_SPEAKER_WORDS or normalize(words[0]) in STOPWORDS:
        return None
    return Speaker(phrase, start, start + len(phrase))


def _named(between: str) -> bool:
    return bool(between.strip(" \t\n،,:")) and not _OPENER.fullmatch(between)


def _continues(text: str, s_start: int, q_start: int) -> bool:
    """A sentence that is only a quote right after another quote continues its speaker."""
    return not text[s_start:q_start].strip(" \t\n،,:وف")


class QuoteFinder:
    """Stage: fills `article.quotes`; `speaker_id` is set later, by the entity stage."""

    name = "quotes"
    parallel = True

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed:
                article.quotes = [q.to_dict() for q in find_quotes(article.text, article.entities)]
            yield article
