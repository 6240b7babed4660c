"""Train Rasd's Arabic NER model (a CRF) from ANERcorp (CAMeL split) and, optionally, NewsFANE Gold.

Reproduce the shipped model (deterministic, about a minute on one core):

    python training/train_ner.py --anercorp ../shared/data/anercorp_camel \
        --newsfane ../shared/data/newsfane_gold --out src/rasd/understand/ner/model/

Tune on the dev slice (last 10% of ANERcorp TRAIN sentences; ANERcorp test labels are never
read, its text is only used to drop the NewsFANE segments that repeat it):

    python training/train_ner.py --anercorp ../shared/data/anercorp_camel --newsfane ../shared/data/newsfane_gold --dev --c1 0.05 --c2 0.2

Word lexicon features (the tag distribution of each word in the training data) are computed
jackknifed for training: each fifth of the training sentences sees a lexicon built from the other
four, so the CRF learns how far to trust the lexicon on words it may not have seen.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).parent))

import newsfane  # noqa: E402

from rasd.understand.ner.conll import Sentence, read, score  # noqa: E402
from rasd.understand.ner.features import Featurizer, Lexicon  # noqa: E402
from rasd.understand.ner.tagger import LEXICON_FILE, META_FILE, MODEL_FILE, NerTagger  # noqa: E402

FOLDS = 5
DEV_SHARE = 0.1


def _pairs(sentences: list[Sentence]) -> list[tuple[list[str], list[str]]]:
    return [(s.tokens, s.tags) for s in sentences]


def _fold_of(extra: list[Sentence], folds: list[list[Sentence]]) -> list[int]:
    """Which ANERcorp fold each NewsFANE segment re-annotates (it is the same text), so it joins that fold."""
    owner: dict[tuple[str, ...], int] = {}
    for k, fold in enumerate(folds):
        for s in fold:
            owner.update(dict.fromkeys(newsfane._grams(s.tokens), k))
    out = []
    for s in extra:
        votes = [owner[g] for g in newsfane._grams(s.tokens) if g in owner]
        out.append(max(set(votes), key=votes.count) if votes else 0)
    return out


def training_items(train: list[Sentence], extra: list[Sentence], lexicon_mode: str, extra_as: str):
    """(features, tags) per training sentence, with the lexicon chosen by `lexicon_mode`.

    `extra_as` is "train" (extra sentences are training sentences too) or "lexicon" (they only feed the lexicon).
    """
    everything = train + extra if extra_as == "train" else train
    if lexicon_mode == "none":
        featurizer = Featurizer(Lexicon())
        return [(featurizer.sentence(s.tokens), s.tags) for s in everything]
    if lexicon_mode == "full":  # leaky on purpose, to measure what jackknifing buys
        featurizer = Featurizer(Lexicon.build(_pairs(train + extra)))
        return [(featurizer.sentence(s.tokens), s.tags) for s in everything]
    size = -(-len(train) // FOLDS)
    folds = [train[i : i + size] for i in range(0, len(train), size)]
    extra_fold = _fold_of(extra, folds)
    items = []
    for k in range(len(folds)):
        others = [s for j, f in enumerate(folds) if j != k for s in f]
        others += [s for s, j in zip(extra, extra_fold) if j != k]
        featurizer = Featurizer(Lexicon.build(_pairs(others)))
        mine = folds[k] + [s for s, j in zip(extra, extra_fold) if j == k and extra_as == "train"]
        items.extend((featurizer.sentence(s.tokens), s.tags) for s in mine)
    return items


def train(items, out: Path, c1: float, c2: float, iterations: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items:
        trainer.append(xseq, yseq)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True, "feature.minfreq": 1}
    )
    trainer.train(str(out / MODEL_FILE))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--anercorp", type=Path, required=True, help="folder with ANERCorp_CamelLab_{train,test}.txt")
    ap.add_argument("--newsfane", type=Path, help="folder with NewsFANE_Gold_2014_170K.txt (extra data)")
    ap.add_argument("--newsfane-as", choices=["train", "lexicon"], default="lexicon",
                    help="NewsFANE sentences as training sentences, or only as lexicon counts")
    ap.add_argument("--out", type=Path, help="model folder to write (not with --dev)")
    ap.add_argument("--dev", action="store_true", help="train on the first 90%% of TRAIN, score the last 10%%")
    ap.add_argument("--lexicon", choices=["jackknife", "full", "none"], default="jackknife")
    ap.add_argument("--no-misc", action="store_true", help="drop MISC from the training tags")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.2)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--name", default="", help="variant label for the --dev log line")
    args = ap.parse_args()

    started = time.time()
    train_set = read(args.anercorp / "ANERCorp_CamelLab_train.txt")
    test_set = read(args.anercorp / "ANERCorp_CamelLab_test.txt")  # only to keep its text out of NewsFANE
    dev_set: list[Sentence] = []
    if args.dev:
        cut = int(len(train_set) * (1 - DEV_SHARE))
        train_set, dev_set = train_set[:cut], train_set[cut:]
    extra: list[Sentence] = []
    if args.newsfane:
        extra = newsfane.load(args.newsfane / "NewsFANE_Gold_2014_170K.txt", exclude=test_set + dev_set)
    if args.no_misc:
        for s in train_set:
            s.tags = [t if not t.endswith("MISC") else "O" for t in s.tags]
    items = training_items(train_set, extra, args.lexicon, args.newsfane_as)
    lexicon = Lexicon() if args.lexicon == "none" else Lexicon.build(_pairs(train_set + extra))

    out = args.out if not args.dev else Path(f"/tmp/ner-dev-{args.name or 'run'}")
    out.mkdir(parents=True, exist_ok=True)
    train(items, out, args.c1, args.c2, args.iterations)
    lexicon.save(out / LEXICON_FILE)
    meta = {
        "c1": args.c1, "c2": args.c2, "iterations": args.iterations, "lexicon": args.lexicon,
        "newsfane": args.newsfane_as if args.newsfane else None, "misc": not args.no_misc,
        "train_sentences": len(items), "newsfane_sentences": len(extra),
        "train_tokens": sum(len(x) for x, _ in items),
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    if args.dev:
        tagger = NerTagger.load(out)
        gold = [s.tags for s in dev_set]
        pred = [tagger.tag(s.tokens) for s in dev_set]
        result = {
            "variant": args.name, **meta,
            "dev_f1": round(score(gold, pred)["f1"], 4),
            "dev_f1_per_org_loc": round(score(gold, pred, ["PER", "ORG", "LOC"])["f1"], 4),
            "dev_per_type": {k: round(v["f1"], 4) for k, v in score(gold, pred)["per_type"].items()},
            "seconds": round(time.time() - started),
        }
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"wrote {out} in {time.time() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
