"""CoNLL-style NER files in, entity-level scores out.

`score` is our own small copy of seqeval's default (CoNLL, non-strict) chunking and micro
averaging, so that Rasd can report the same numbers papers report without depending on seqeval
at runtime. The test suite checks the two agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# ANERcorp writes PERS, Wojood PERS, NewsFANE has no coarse tags; MISC appears as MIS1, MISC2, ...
_ALIASES = {"PER": "PER", "PERS": "PER", "ORG": "ORG", "LOC": "LOC"}
_MISC = re.compile(r"^MISC?\d*$")
# Marks some corpora put in front of every token (NewsFANE: U+200E); they are not text.
_INVISIBLE = str.maketrans("", "", "\ufeff\u200e\u200f")


@dataclass(slots=True)
class Sentence:
    tokens: list[str]
    tags: list[str]


def coarse_type(name: str, extra: Mapping[str, str] | None = None) -> str | None:
    """Our type for a corpus type name (PERS → PER, MIS1 → MISC); None when it is not one of ours."""
    upper = name.upper()
    if extra and upper in extra:
        return extra[upper]
    if upper in _ALIASES:
        return _ALIASES[upper]
    return "MISC" if _MISC.match(upper) else None


def normalise_tag(tag: str, extra: Mapping[str, str] | None = None) -> str:
    """BIO tag with our type name, or "O" for anything we do not tag."""
    prefix, _, name = tag.partition("-")
    if prefix.upper() not in ("B", "I") or not name:
        return "O"
    kind = coarse_type(name, extra)
    return f"{prefix.upper()}-{kind}" if kind else "O"


def _layer_tag(columns: list[str], extra: Mapping[str, str] | None) -> str:
    """The outermost layer that carries one of our types (Wojood has up to four nested layers)."""
    for tag in columns:
        ours = normalise_tag(tag, extra)
        if ours != "O":
            return ours
    return "O"


def read(path: Path, extra: Mapping[str, str] | None = None) -> list[Sentence]:
    """Sentences of a CoNLL file: `token<space or tab>tag [more tags]` per line, blank line between.

    `extra` maps further upper-case type names to ours, e.g. {"GPE": "LOC"} for Wojood.
    """
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig") as lines:
        for line in lines:
            fields = line.translate(_INVISIBLE).split()
            if len(fields) >= 2:
                tokens.append(fields[0])
                tags.append(_layer_tag(fields[1:], extra))
            elif tokens:
                sentences.append(Sentence(tokens, tags))
                tokens, tags = [], []
    if tokens:
        sentences.append(Sentence(tokens, tags))
    return sentences


def entities(tags: Iterable[str]) -> list[tuple[str, int, int]]:
    """(type, first, last) chunks the way seqeval's default mode reads BIO tags."""
    chunks = []
    prev_tag, prev_type, begin = "O", "", 0
    seq = list(tags) + ["O"]
    for i, full in enumerate(seq):
        tag, kind = _split(full)
        if prev_tag in "BI" and (tag in "BO" or prev_type != kind):
            chunks.append((prev_type, begin, i - 1))
        if tag == "B" or (tag == "I" and (prev_tag == "O" or prev_type != kind)):
            begin = i
        prev_tag, prev_type = tag, kind
    return chunks


def _split(tag: str) -> tuple[str, str]:
    if len(tag) > 2 and tag[0] in "BI" and tag[1] == "-":
        return tag[0], tag[2:]
    return "O", ""


def _prf(correct: int, predicted: int, gold: int) -> dict:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": gold}


def score(gold_tags: list[list[str]], pred_tags: list[list[str]], types: Iterable[str] | None = None) -> dict:
    """Entity-level micro precision/recall/F1 and per type, as seqeval's default reports them.

    `types` keeps only those types: any other entity counts as O in both gold and prediction.
    """
    if len(gold_tags) != len(pred_tags):
        raise ValueError(f"{len(gold_tags)} gold sentences but {len(pred_tags)} predicted")
    keep = set(types) if types is not None else None
    gold: set[tuple[int, str, int, int]] = set()
    pred: set[tuple[int, str, int, int]] = set()
    for n, (g, p) in enumerate(zip(gold_tags, pred_tags, strict=True)):
        if len(g) != len(p):
            raise ValueError(f"sentence {n}: {len(g)} gold tags but {len(p)} predicted")
        gold.update((n, *c) for c in entities(g) if keep is None or c[0] in keep)
        pred.update((n, *c) for c in entities(p) if keep is None or c[0] in keep)
    correct = gold & pred
    per_type = {}
    for kind in sorted({c[1] for c in gold | pred}):
        per_type[kind] = _prf(
            sum(c[1] == kind for c in correct), sum(c[1] == kind for c in pred), sum(c[1] == kind for c in gold)
        )
    return {**_prf(len(correct), len(pred), len(gold)), "per_type": per_type}


def evaluate(files: list[Path], types: list[str] | None = None, extra: Mapping[str, str] | None = None,
             document: int = 1) -> dict:
    """Run the shipped tagger on the tokens of CoNLL files and score it against their tags.

    The files have no article boundaries, so runs of `document` consecutive sentences are tagged
    as one document (document consistency applies within them); 1 tags each sentence on its own.
    """
    from rasd.understand.ner.tagger import NerTagger

    tagger = NerTagger.load()
    predicted = []
    sentences = []
    for path in files:
        sents = read(path, extra)
        sentences += sents
        for i in range(0, len(sents), document):
            predicted += tagger.tag_document([s.tokens for s in sents[i : i + document]])
    result = score([s.tags for s in sentences], predicted, types)
    result["sentences"] = len(sentences)
    result["tokens"] = sum(len(s.tokens) for s in sentences)
    return result
