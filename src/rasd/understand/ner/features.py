"""Token features for the CRF, shared by training and inference.

A token's own features (form, normalised form, affixes, clitic-stripped stem, shape, trigger
words and what the training data says about the word) are computed once per distinct word and
cached on the `Featurizer`; neighbours contribute a smaller set inside a ±2 window.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources.abc import Traversable
from itertools import islice
from pathlib import Path

from rasd.arabic.lexicon import proclitic_forms, split_proclitics
from rasd.arabic.normalize import normalize

TYPES = ("PER", "ORG", "LOC", "MISC")

# Words that often come just before an entity of a type: titles and speech verbs before people,
# institution nouns before organisations, place nouns and the commonest prepositions before places.
# Normalised and without clitics: they are matched on the stem, so وزير/الوزير/ووزير all count.
_TRIGGERS = {
    "PER": "رئيس رئيسة ملك ملكة امير اميرة شيخ سيد سيدة دكتور د. وزير وزيرة نائب سفير جنرال عقيد لواء "
    "مستشار امام بابا زعيم قائد متحدث كاتب كاتبة شاعر روائي مخرج فنان فنانة لاعب مدرب ممثل ممثلة مغني "
    "مغنية عالم استاذ مهندس محامي قاضي مدير مديرة امين سلطان خليفة نبي قال اكد اضاف اعلن",
    "ORG": "شركة جامعة منظمة حزب حركة مجلس وزارة وكالة بنك مصرف اتحاد نادي صحيفة جريدة مجلة قناة هيئة "
    "جمعية مؤسسة معهد مركز لجنة جبهة تنظيم محكمة برلمان مجموعة منتخب فريق كلية اكاديمية",
    "LOC": "مدينة نهر جزيرة جزر جبل جبال بحر محيط خليج منطقة اقليم ولاية محافظة قرية بلدة عاصمة شمال جنوب "
    "شرق غرب دولة بلاد صحراء بحيرة وادي مقاطعة حي شارع ميناء مطار في الى من",
}
TRIGGERS = {normalize(w): kind for kind, words in _TRIGGERS.items() for w in words.split()}

def stem(norm: str) -> tuple[str, str]:
    """(stem, clitics) of a normalised word: proclitics and the article peeled as everywhere in Rasd
    (`rasd.arabic.lexicon.split_proclitics`), e.g. وللرئيس → (رييس, ولال)."""
    clitics, rest = split_proclitics(norm, article=True)
    return rest, clitics


def shape(word: str) -> str:
    """Coarse character classes, runs collapsed: ع for Arabic letters, A/a Latin, 9 digits."""
    out = []
    for ch in word:
        if ch.isdigit():
            c = "9"
        elif "\u0600" <= ch <= "\u06ff":
            c = "ع"
        elif ch.isalpha():
            c = "A" if ch.isupper() else "a"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _bucket(share: float) -> str:
    return "hi" if share >= 0.7 else "mid" if share >= 0.3 else "lo"


@dataclass(slots=True)
class Lexicon:
    """What the training data says about words: tag counts per normalised word and per stem."""

    words: dict[str, list[int]] = field(default_factory=dict)  # counts of O, PER, ORG, LOC, MISC
    stems: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, sentences: Iterable[tuple[list[str], list[str]]]) -> Lexicon:
        words: dict[str, list[int]] = {}
        stems: dict[str, list[int]] = {}
        for tokens, tags in sentences:
            for token, tag in zip(tokens, tags, strict=True):
                col = TYPES.index(tag[2:]) + 1 if tag != "O" else 0
                norm = normalize(token)
                words.setdefault(norm, [0] * 5)[col] += 1
                stems.setdefault(stem(norm)[0], [0] * 5)[col] += 1
        # Words never seen inside an entity say nothing beyond "not in the lexicon"; drop the rare
        # ones to keep the shipped file small.
        keep = lambda c: sum(c[1:]) > 0 or c[0] >= 3  # noqa: E731
        return cls({w: c for w, c in words.items() if keep(c)}, {s: c for s, c in stems.items() if keep(c)})

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"words": self.words, "stems": self.stems}, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path | Traversable) -> Lexicon:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["words"], data["stems"])


def _lexicon_features(prefix: str, counts: list[int] | None) -> list[str]:
    if counts is None:
        return [f"{prefix}=unk"]
    total = sum(counts)
    entity = total - counts[0]
    if entity == 0:
        return [f"{prefix}=O"]
    best = max(range(1, 5), key=lambda i: counts[i])
    freq = "1" if total == 1 else "few" if total < 6 else "many"
    return [f"{prefix}={TYPES[best - 1]}", f"{prefix}={TYPES[best - 1]}/{_bucket(entity / total)}/{freq}"]


@lru_cache(maxsize=1 << 16)  # the phrase matcher asks for every token
def _variants(norm: str) -> tuple[str, ...]:
    """The normalised word and its forms with proclitics peeled, longest first (للعراق → العراق);
    the article stays on, as names are listed with it (العراق, not عراق)."""
    forms = proclitic_forms(norm)
    return tuple(f for i, f in enumerate(forms) if not (i and forms[i - 1] == "ال" + f))


@dataclass(slots=True)
class Gazetteer:
    """Name lists written independently of the training data: normalised phrase -> types."""

    phrases: dict[str, list[str]] = field(default_factory=dict)
    max_len: int = 1
    starts: dict[str, list[int]] = field(default_factory=dict)  # first word -> phrase lengths (2+), longest first

    def __post_init__(self) -> None:
        starts: dict[str, set[int]] = {}
        for key in self.phrases:
            words = key.split(" ")
            if len(words) > 1:
                starts.setdefault(words[0], set()).add(len(words))
        self.starts = {w: sorted(lengths, reverse=True) for w, lengths in starts.items()}
        self.max_len = max((max(v) for v in self.starts.values()), default=1)

    @classmethod
    def load(cls, path: Path | Traversable) -> Gazetteer:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def save(self, path: Path) -> None:
        text = json.dumps(self.phrases, ensure_ascii=False, sort_keys=True, indent=0)
        path.write_text(text + "\n", encoding="utf-8")

    def single(self, norm: str) -> list[str]:
        """Types of the word on its own (clitics peeled), e.g. ["FN"] for ومحمد."""
        for v in _variants(norm):
            kinds = self.phrases.get(v)
            if kinds:
                return kinds
        return []

    def _match_at(self, norms: list[str], i: int) -> tuple[int, list[str]]:
        best, best_kinds = 0, []
        for v in _variants(norms[i]):
            for length in self.starts.get(v, ()):
                if length <= best or i + length > len(norms):
                    continue
                kinds = self.phrases.get(" ".join([v, *norms[i + 1 : i + length]]))
                if kinds:
                    best, best_kinds = length, kinds
                    break
        return best, best_kinds

    def matches(self, norms: list[str]) -> list[list[str]]:
        """Longest-match phrase features per token: B-LOC, I-LOC, ... (the first word may carry clitics)."""
        n = len(norms)
        out: list[list[str]] = [[] for _ in range(n)]
        i = 0
        while i < n:
            found, kinds = self._match_at(norms, i)
            if found:
                for k in kinds:
                    out[i].append(f"B-{k}")
                    for j in range(i + 1, i + found):
                        out[j].append(f"I-{k}")
                out[i].append(f"len{found}")
                i += found
            else:
                i += 1
        return out


def load_clusters(path: Path | Traversable) -> dict[str, tuple[str, ...]]:
    """Word clusters: one `word<TAB>id<TAB>id...` line per normalised word, one id per granularity."""
    out: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, *ids = line.split("\t")
        out[word] = tuple(ids)
    return out


def doc_counts(tokens: list[str], tags: list[str]) -> dict[str, list[int]]:
    """First-pass tag counts (O, PER, ORG, LOC, MISC) per clitic-stripped stem of one sentence."""
    counts: dict[str, list[int]] = {}
    for token, tag in zip(tokens, tags, strict=True):
        if not any(ch.isalpha() for ch in token):
            continue
        col = TYPES.index(tag[2:]) + 1 if tag != "O" else 0
        counts.setdefault(stem(normalize(token))[0], [0] * 5)[col] += 1
    return counts


def merge_counts(parts: Iterable[dict[str, list[int]]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for part in parts:
        for key, c in part.items():
            row = out.get(key)
            if row is None:
                out[key] = list(c)
            else:
                for i in range(5):
                    row[i] += c[i]
    return out


def _doc_feature(counts: list[int] | None) -> str:
    """How the same stem was tagged elsewhere in the document by the first pass."""
    if counts is None:
        return "dk=none"
    entity = sum(counts) - counts[0]
    if entity == 0:
        return "dk=O"
    best = max(range(1, 5), key=lambda i: counts[i])
    return f"dk={TYPES[best - 1]}/{_bucket(entity / sum(counts))}"


CACHED_WORDS = 20_000  # per cache; bounded, as an open vocabulary would grow it without end (~2 kB a word)


def _remember(cache: dict, key: str, value):
    """Cache `value`; when full, forget the half used least lately (hits move a word to the end), so
    frequent words (في, الرئيس) stay however many rare ones pass through."""
    if len(cache) >= CACHED_WORDS:
        for old in list(islice(cache, CACHED_WORDS // 2)):
            del cache[old]
    cache[key] = value
    return value


@dataclass(slots=True)
class Featurizer:
    lexicon: Lexicon
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: Gazetteer | None = None
    _own: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    _offsets: dict[str, dict[int, list[str]]] = field(default_factory=dict)

    def word(self, token: str) -> tuple[list[str], list[str]]:
        """(features of the token itself, features it lends to its neighbours)."""
        cached = self._own.pop(token, None)
        if cached is not None:
            self._own[token] = cached  # to the end: the cache forgets the least recently used half
            return cached
        norm = normalize(token)
        st, clitics = stem(norm)
        sh = shape(token)
        trig = TRIGGERS.get(st) or TRIGGERS.get(norm)
        lex_w = _lexicon_features("lw", self.lexicon.words.get(norm))
        lex_s = _lexicon_features("ls", self.lexicon.stems.get(st))
        own = [
            "b", f"w={token}", f"n={norm}", f"st={st}", f"cl={clitics}", f"sh={sh}", f"len={min(len(norm), 8)}",
            *(f"p{i}={norm[:i]}" for i in range(1, 5) if len(norm) > i),
            *(f"s{i}={norm[-i:]}" for i in range(1, 5) if len(norm) > i),
            *(f"sp{i}={st[:i]}" for i in (2, 3) if len(st) > i),
            *(f"ss{i}={st[-i:]}" for i in (1, 2) if len(st) > i),
            *lex_w, *lex_s,
        ]
        if trig:
            own.append(f"tr={trig}")
        ctx = [f"n={norm}", f"st={st}", f"sh={sh}", lex_w[0], lex_s[0], f"tr={trig or '-'}"]
        if self.gazetteer is not None:
            kinds = self.gazetteer.single(norm)
            own.extend(f"g1={k}" for k in kinds)
            own.extend(f"g1={k}|{lex_w[0]}" for k in kinds)
            ctx.append(f"g1={'+'.join(kinds) or '-'}")
        if self.clusters:
            ids = self.clusters.get(norm)
            src = "w"
            if ids is None:
                ids, src = self.clusters.get(st), "s"
            if ids is None:
                own.append("c=none")
                ctx.append("c=none")
            else:
                own.extend(f"c{k}{src}={c}" for k, c in enumerate(ids))
                own.extend(f"c{k}={c}" for k, c in enumerate(ids))
                ctx.append(f"c0={ids[0]}")
        _remember(self._own, token, (own, ctx))
        return own, ctx

    def _lent(self, token: str, ctx: list[str]) -> dict[int, list[str]]:
        """The token's neighbour features as each offset sees them ("-1n=…"), made once per word."""
        cached = self._offsets.pop(token, None)
        if cached is not None:
            self._offsets[token] = cached
        else:
            cached = _remember(self._offsets, token, {off: [f"{off}{f}" for f in ctx] for off in (-2, -1, 1, 2)})
        return cached

    def sentence(
        self, tokens: list[str], doc: dict[str, list[int]] | None = None, first: list[str] | None = None
    ) -> list[list[str]]:
        """Feature lists for each token of one sentence.

        `doc` (two-pass tagging) gives first-pass tag counts per stem in the other sentences of the
        document; `first` gives this sentence's first-pass tags.
        """
        per_word = [self.word(t) for t in tokens]
        lent = [self._lent(t, ctx) for t, (_, ctx) in zip(tokens, per_word)]
        norms = [ctx[0][2:] for _, ctx in per_word]
        n = len(tokens)
        gz = self.gazetteer
        if gz is not None:
            gz_feats = self._gazetteer_features(tokens, norms, per_word)
        out = []
        for i, (own, _) in enumerate(per_word):
            feats = list(own)
            for off in (-2, -1, 1, 2):
                j = i + off
                if 0 <= j < n:
                    feats.extend(lent[j][off])
                else:
                    feats.append(f"{off}pad")
            prev = norms[i - 1] if i else "<s>"
            nxt = norms[i + 1] if i + 1 < n else "</s>"
            feats.append(f"bg-={prev}|{norms[i]}")
            feats.append(f"bg+={norms[i]}|{nxt}")
            if gz is not None:
                feats.extend(gz_feats[i])
            if doc is not None:
                feats.append(_doc_feature(doc.get(stem(norms[i])[0])))
            if first is not None:
                feats.append(f"f0={first[i]}")
                feats.append(f"f-1={first[i - 1] if i else '<s>'}")
                feats.append(f"f+1={first[i + 1] if i + 1 < n else '</s>'}")
            out.append(feats)
        return out

    def _gazetteer_features(self, tokens: list[str], norms: list[str], per_word) -> list[list[str]]:
        """Longest phrase match at the token and its neighbours (B-ORG, I-ORG, len2, ...)."""
        assert self.gazetteer is not None
        n = len(tokens)
        phrase = self.gazetteer.matches(norms)
        out: list[list[str]] = []
        for i in range(n):
            f = [f"gz={m}" for m in phrase[i]]
            if i > 0:
                f.extend(f"-1gz={m}" for m in phrase[i - 1])
            if i + 1 < n:
                f.extend(f"+1gz={m}" for m in phrase[i + 1])
            out.append(f)
        return out
