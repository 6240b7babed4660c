"""Deduplication on our labelled pairs, through the real stages and store."""

import json

import numpy as np
import pytest

from conftest import FIXTURES, make_article
from rasd.dedup import Deduplicator, Fingerprinter
from rasd.dedup.fingerprint import shingles, signature, similarity
from rasd.settings import Settings
from rasd.store import Store, StoreWriter

PAIRS = json.loads((FIXTURES / "dedup" / "pairs.json").read_text("utf-8"))
DUPLICATE = {"light": True, "short": True, "heavy": True, "other": False, "unrelated": False}


def link(store: Store, texts: list[tuple[str, str]], settings: Settings = Settings()):
    """Fingerprint, deduplicate and store articles in order; return them."""
    records = []
    for page, text in texts:
        article = make_article(text, page=page)
        article.id = page
        records.append(article)
    steps = [Fingerprinter(settings), Deduplicator(store, settings), StoreWriter(store)]
    stream = records
    for step in steps:
        stream = step.run(stream)
    return list(stream)


@pytest.mark.parametrize("pair", PAIRS, ids=[f"{p['label']}:{p['b']}" for p in PAIRS])
def test_labelled_pair(pair, db):
    a, b = ((FIXTURES / "dedup" / pair[k]).read_text("utf-8") for k in ("a", "b"))
    first, second = link(Store(db), [("a", a), ("b", b)])
    assert first.duplicate_of is None
    assert (second.duplicate_of == "a") is DUPLICATE[pair["label"]], second.meta.get("duplicate")


def test_exact_duplicate_ignores_spelling_variants_and_spacing(db):
    text = (FIXTURES / "dedup" / "orig_01.txt").read_text("utf-8")
    variant = "  " + text.replace("أ", "ا").replace("\n\n", "\n") + "\n"
    _, second = link(Store(db), [("a", text), ("b", variant)])
    assert second.duplicate_of == "a" and second.meta["duplicate"] == {"method": "exact"}


def test_duplicate_points_at_the_canonical_not_at_another_duplicate(db):
    orig, light, short = (
        (FIXTURES / "dedup" / name).read_text("utf-8") for name in ("orig_02.txt", "orig_02.light.txt", "orig_02.short.txt")
    )
    out = link(Store(db), [("a", orig), ("b", light), ("c", short)])
    assert [x.duplicate_of for x in out] == [None, "a", "a"]


def test_a_longer_text_containing_an_earlier_one_is_not_its_duplicate(db):
    """A round-up that carries an earlier report plus stories of its own keeps its content."""
    short = (FIXTURES / "dedup" / "orig_05.short.txt").read_text("utf-8")
    other = (FIXTURES / "dedup" / "orig_01.txt").read_text("utf-8")
    roundup = "\n\n".join([other, short])
    _, second = link(Store(db), [("a", short), ("b", roundup)])
    assert second.duplicate_of is None
    # the other way round, the short report is contained in the round-up: a duplicate
    _, second = link(Store(db.with_name("other.db")), [("a", roundup), ("b", short)])
    assert second.duplicate_of == "a"


def test_short_texts_are_only_deduplicated_exactly(db):
    out = link(Store(db), [("a", "أعلنت الوزارة فتح باب التسجيل."), ("b", "أعلنت الوزارة إغلاق باب التسجيل.")])
    assert out[1].duplicate_of is None


def test_minhash_estimates_track_true_similarity():
    s = Settings()
    a = (FIXTURES / "dedup" / "orig_03.txt").read_text("utf-8")
    b = (FIXTURES / "dedup" / "orig_03.short.txt").read_text("utf-8")
    sa, sb = shingles(a, s.shingle_words), shingles(b, s.shingle_words)
    true_j = len(sa & sb) / len(sa | sb)
    true_c = len(sa & sb) / len(sb)
    est_j, est_c = similarity(signature(sb, s.num_perm), len(sb), signature(sa, s.num_perm), len(sa))
    assert abs(est_j - true_j) < 0.12 and abs(est_c - true_c) < 0.12
    assert signature(sa, s.num_perm).dtype == np.dtype("<u4")
