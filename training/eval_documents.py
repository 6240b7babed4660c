"""Score a NER model sentence by sentence and on pseudo-documents, to measure document consistency.

    python training/eval_documents.py --model /tmp/ner-dev-NAME --anercorp ../shared/data/anercorp_camel --dev
    python training/eval_documents.py --anercorp ../shared/data/anercorp_camel     # shipped model, test

ANERcorp's article boundaries are not in the CAMeL files, so runs of `--size` consecutive sentences
stand in for documents (an ANERcorp article has about 15 sentences on average: 316 articles, 4,898
sentences). Prints one JSON line per setting: each sentence alone (no consistency possible), then
documents with consistency at each `--confident` threshold.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rasd.understand.ner.conll import read, score
from rasd.understand.ner.consistency import CONFIDENT
from rasd.understand.ner.tagger import NerTagger

DEV_SHARE = 0.1  # as training/train_ner.py


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--anercorp", type=Path, required=True)
    ap.add_argument("--model", type=Path, help="model folder (default: the shipped model)")
    ap.add_argument("--dev", action="store_true", help="the dev slice (last 10%% of train) instead of test")
    ap.add_argument("--size", type=int, nargs="+", default=[15], help="sentences per pseudo-document")
    ap.add_argument("--confident", type=float, nargs="+", default=[CONFIDENT])
    args = ap.parse_args()
    if args.dev:
        sents = read(args.anercorp / "ANERCorp_CamelLab_train.txt")
        sents = sents[int(len(sents) * (1 - DEV_SHARE)):]
    else:
        sents = read(args.anercorp / "ANERCorp_CamelLab_test.txt")
    gold = [s.tags for s in sents]
    tagger = NerTagger.load(args.model)

    def report(name: str, pred: list[list[str]]) -> None:
        result = score(gold, pred)
        print(json.dumps({
            "setting": name, "f1": round(result["f1"], 4), "precision": round(result["precision"], 4),
            "recall": round(result["recall"], 4),
            "per_type": {k: round(v["f1"], 4) for k, v in result["per_type"].items()},
        }))

    report("sentences", [tagger.tag(s.tokens) for s in sents])
    for size in args.size:
        for confident in args.confident:
            tagger.confident = confident
            pred = [t for i in range(0, len(sents), size) for t in tagger.tag_document([s.tokens for s in sents[i : i + size]])]
            report(f"documents of {size}, confident {confident}", pred)


if __name__ == "__main__":
    main()
