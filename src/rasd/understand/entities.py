"""EntityResolver stage: mentions become canonical entities, across the whole corpus.

Per article, mentions are first grouped among themselves (a clitic-prefixed or titled form
joins the bare form the article also uses; "بوتين" joins "فلاديمير بوتين"; spellings with
the same skeleton meet), then each group is found in the store by its keys or becomes a
new entity. It runs in the store's transaction, so resolution is incremental: a new
article joins the entities the archive already has. A family name alone joins a full
name only when exactly one person of that family is known; two people who share a name
part are never merged without that evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rasd.arabic.lexicon import strip_as_written
from rasd.arabic.normalize import normalize
from rasd.record import Article
from rasd.store.base import EntityStore
from rasd.understand.names import candidates, default_form, family, first_name, is_given_name, nasab, same_name, skeleton, title_words


@dataclass(slots=True)
class _Group:
    type: str
    key: str
    mentions: list[dict] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)  # clean spellings, for the display name


class EntityResolver:
    name = "entities"
    parallel = False

    def __init__(self, table: EntityStore) -> None:
        self.table = table

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if not article.failed and article.entities:
                try:
                    with self.table.savepoint():
                        self.resolve(article)
                except Exception as exc:  # noqa: BLE001 - the article is kept, without entity links
                    for mention in article.entities:
                        mention["entity_id"] = None
                    article.meta.setdefault("warnings", []).append(f"entities not resolved ({type(exc).__name__}: {exc})")
            yield article

    def resolve(self, article: Article) -> None:
        groups = group_mentions(article.text, article.entities, self._known)
        roles: dict[str, str] = {}
        for group in groups:
            if lone_given_name(group):  # "عبدالله" alone names no one the archive can tell apart
                for mention in group.mentions:
                    mention["entity_id"] = None
                continue
            num = self._find_or_create(group)
            entity_id = self.table.id_of(num)
            titles: Counter[str] = Counter()
            for mention in group.mentions:
                mention["entity_id"] = entity_id
                role = role_before(article.text, mention)
                if role:
                    roles[role] = entity_id
                    titles[title_as_written(article.text, mention, role)] += 1
            self.table.add_mentions(num, Counter(_spelling(m["text"], group.key) for m in group.mentions))
            if titles:
                self.table.add_titles(num, titles, article.published)
        self._link_speakers(article, roles)

    def _link_speakers(self, article: Article, roles: dict[str, str]) -> None:
        """Give each quote the entity of its speaker: a mention inside the speaker's words,
        else the person the article introduced with that role ("الرئيس الروسي"), else a
        known entity of that name (speakers such as الكرملين need no tag to be known)."""
        linked = sorted((m for m in article.entities if m.get("entity_id")), key=lambda m: m["start"])
        starts = [m["start"] for m in linked]
        longest = max((m["end"] - m["start"] for m in linked), default=0)
        for quote in article.quotes:
            start, end, speaker = quote.get("speaker_start"), quote.get("speaker_end"), quote.get("speaker") or ""
            if start is None:
                continue
            near = linked[bisect_left(starts, start - longest):bisect_left(starts, end)]  # linear in the page
            inside = [m for m in near if start < m["end"]]
            if inside:
                quote["speaker_id"] = min(inside, key=lambda m: m["start"])["entity_id"]
            elif normalize(speaker) in roles:
                quote["speaker_id"] = roles[normalize(speaker)]
            else:
                for form in candidates(speaker):
                    known = {n for t in ("PER", "ORG", "LOC") for n in self.table.find("n:" + form, t)}
                    if len(known) == 1:
                        quote["speaker_id"] = self.table.id_of(known.pop())
                        break

    def _known(self, form: str, type_: str) -> bool:
        keys = ["n:" + form] + (["f:" + skeleton(form)] if type_ == "PER" and " " not in form else [])
        return any(self.table.find(k, type_) for k in keys)

    # -- against the store ------------------------------------------------------------
    def _alike(self, skeleton_key: str, type_: str, key: str) -> list[int]:
        """Entities found by a skeleton key whose name may be `key` written another way
        (ميشال سليمان is not found for سلمان)."""
        return [num for num in self.table.find(skeleton_key, type_) if same_name(key, self.table.name_of(num))]

    def _find_or_create(self, group: _Group) -> int:
        t, key = group.type, group.key
        found = self.table.find("n:" + key, t) or self._alike("s:" + skeleton(key), t, key)
        if not found and t == "PER" and nasab(key):
            found = _only(self._alike("b:" + skeleton(nasab(key)), t, key))  # محمد بن سلمان [بن عبدالعزيز]
        if not found and t == "PER" and " " not in key and not is_given_name(key):
            found = _only(self._alike("f:" + skeleton(key), t, key))  # "بوتين" → the one known Putin
        if not found and t == "PER" and family(key) and not is_given_name(family(key)) \
                and family(key) in {normalize(n) for n in group.names}:
            # a family name met alone before, now with the full name in an article that also
            # writes it alone: the same person if unique (بوش alone is not the first full Bush)
            alone = _only(self._alike("s:" + skeleton(family(key)), t, key))
            if alone and " " not in self.table.name_of(alone[0]).strip():
                found = alone
        # the fullest clean spelling, the most frequent among equals
        display = max(group.names, key=lambda n: (len(n.split()), group.names[n])) if group.names else key
        if found:
            num = found[0]
            if len(display.split()) > len(self.table.name_of(num).split()):
                self.table.rename(num, display)  # the fullest name seen becomes the display name
        else:
            num = self.table.create(t, display, key)
        keys = ["n:" + key, "s:" + skeleton(key)]
        if t == "PER":
            keys += [f"f:{skeleton(family(key))}"] if family(key) else []
            keys += [f"b:{skeleton(nasab(key))}"] if nasab(key) else []
        self.table.add_keys(num, t, keys)
        return num


def group_mentions(text: str, mentions: list[dict], known: Callable[[str, str], bool] | None = None) -> list[_Group]:
    """The article's mentions grouped by what they name, within the article. `known(form, type)`
    tells whether the archive knows a form; without it (in a worker) only the article's own
    spellings count, which is enough to tell the article's actors apart."""
    literal = Counter((m["type"], normalize(m["text"])) for m in mentions)
    groups: dict[tuple[str, str], _Group] = {}
    for mention in mentions:
        type_ = mention["type"]
        forms = candidates(mention["text"])
        own = normalize(mention["text"])
        found = [f for f in forms if (literal[(type_, f)] - (f == own)) > 0 or (known is not None and known(f, type_))]
        key = found[-1] if found else default_form(mention["text"])
        group = groups.setdefault((type_, key), _Group(type_, key))
        group.mentions.append(mention)
        clean = _clean_name(mention["text"], key)
        if clean:
            group.names[clean] += 1
    return _merge_within(list(groups.values()), mentions, _acronyms(text, mentions))


def _acronyms(text: str, mentions: list[dict]) -> list[tuple[int, int]]:
    """"وكالة الأنباء السعودية (واس)", "حلف شمال الأطلسي «الناتو»": a mention followed by
    another in brackets or quote marks names the same thing; pairs of mention indices. Not
    for places: "القاهرة (مصر)", "بنغازي (ليبيا)" name a city and its country.
    Only mentions starting just after one's end can be its short form, so each mention looks
    at those alone (by bisection over start offsets): linear in the page, however long."""
    order = sorted(range(len(mentions)), key=lambda k: mentions[k]["start"])
    starts = [mentions[k]["start"] for k in order]
    pairs = []
    for i, m in enumerate(mentions):
        first = bisect_right(starts, m["end"])
        for j in order[first:bisect_right(starts, m["end"] + MAX_BRACKET_GAP)]:
            other = mentions[j]
            if m["type"] == other["type"] != "LOC" and _BRACKETED.fullmatch(text[m["end"]:other["start"]]) \
                    and text[other["end"]:other["end"] + 2].lstrip(" ")[:1] in ")»\"”":
                pairs.append((i, j))
    return sorted(pairs)


MAX_BRACKET_GAP = 12  # characters between a name and its bracketed short form: "  ( "
_BRACKETED = re.compile(r"\s*[(«\"“]\s*")


def _merge_within(groups: list[_Group], mentions: list[dict], same: list[tuple[int, int]]) -> list[_Group]:
    """Join groups of one article: a name and its bracketed short form; the same skeleton;
    a family name alone with the one full name of that family."""
    owner = {id(m): g for g in groups for m in g.mentions}
    for i, j in same:
        gi, gj = owner[id(mentions[i])], owner[id(mentions[j])]
        if gi is not gj:
            owner.update((id(m), gi) for m in gj.mentions)
            _absorb(gi, gj)
    absorbed = {id(g) for g in groups} - {id(g) for g in owner.values()}
    groups = [g for g in groups if id(g) not in absorbed]
    by_skeleton: dict[tuple[str, str], list[_Group]] = defaultdict(list)
    out: list[_Group] = []
    for group in sorted(groups, key=lambda g: (-len(g.key.split()), -len(g.mentions))):
        short = nasab(group.key) if group.type == "PER" else None
        alike = by_skeleton[(group.type, skeleton(short or group.key))]
        into = next((g for g in alike if same_name(group.key, g.key)), None)
        if into is not None:
            _absorb(into, group)
        else:
            alike.append(group)
            out.append(group)
    families: dict[str, list[_Group]] = defaultdict(list)
    for group in out:
        if group.type == "PER" and family(group.key):
            families[family(group.key)].append(group)
    final = []
    for group in out:
        owners = families.get(group.key, []) if group.type == "PER" and " " not in group.key else []
        owners = [g for g in owners if same_name(group.key, g.key)]
        if len(owners) == 1:
            _absorb(owners[0], group)
        else:
            final.append(group)
    return _join_given_names(final)


def lone_given_name(group: _Group) -> bool:
    """A person named only by a common given name ("عبدالعزيز", "عز الدين")."""
    return group.type == "PER" and is_given_name(group.key)


def _join_given_names(groups: list[_Group]) -> list[_Group]:
    """"الملك سلمان" after "سلمان بن عبدالعزيز": a given name alone joins the one person of the
    article whose name starts with it; with none or several it stays alone."""
    people: dict[str, list[_Group]] = defaultdict(list)
    for group in groups:
        if group.type == "PER" and not lone_given_name(group):
            people[first_name(group.key)].append(group)
    out = []
    for group in groups:
        owners = people.get(first_name(group.key), []) if lone_given_name(group) else []
        if len(owners) == 1:
            _absorb(owners[0], group)
        else:
            out.append(group)
    return out


def _absorb(into: _Group, other: _Group) -> None:
    into.mentions += other.mentions
    into.names.update(other.names)


def _only(nums: list[int]) -> list[int]:
    return nums if len(nums) == 1 else []


def _clean_name(text: str, key: str) -> str | None:
    """The mention as written, without its title words, when that is the key itself."""
    words = text.split()
    rest = " ".join(words[title_words(normalize(text)):])
    return rest if normalize(rest) == key else None


def _spelling(text: str, key: str) -> str:
    """The mention as a spelling of its entity: without its proclitics ("وواشنطن" is واشنطن
    written after "and"; "لبومبيو" is بومبيو when the name has that word), unless the mention
    as written is the key itself (وسيم, not و + سيم)."""
    return text if normalize(text) == key else strip_as_written(text, known=set(key.split()))


def title_as_written(text: str, mention: dict, role: str) -> str:
    """The title `role_before` found (normalised), as the article wrote it: "الرئيس الروسي"."""
    size = len(role.split())
    if normalize(mention["text"]).startswith(role):
        words = mention["text"].split()[:size]
    else:
        words = text[max(0, mention["start"] - 60):mention["start"]].split()[-size:]
    title = " ".join(words)
    return title[1:] if title[:1] in "وف" and not role.startswith(normalize(title[:1])) else title


def role_before(text: str, mention: dict) -> str | None:
    """"الرئيس الروسي فلاديمير بوتين": the title written before a person, normalised."""
    if mention["type"] != "PER":
        return None
    own = normalize(mention["text"])
    n = title_words(own)
    if n:
        return " ".join(own.split()[:n])
    before = normalize(text[max(0, mention["start"] - 40) : mention["start"]]).split()
    for size in (4, 3, 2, 1):
        words = before[-size:]
        if len(words) == size and title_words(" ".join(words + ["x"])) == size:
            return " ".join(words)
    return None
