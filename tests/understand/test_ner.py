"""NER: tokenizer offsets, CoNLL reading, the scorer, and the shipped model. Sentences are our own."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from rasd.understand.ner.conll import entities, evaluate, read, score
from rasd.understand.ner.consistency import CONFIDENT
from rasd.understand.ner.tagger import NerTagger, Span
from rasd.understand.ner.tokenize import sentences, tokens

ANERCORP = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "anercorp_camel"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "NER.md"


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger.load()


# --- tokenizer ---------------------------------------------------------------------------------

TEXT = "قال الوزير (في مؤتمر صحفي) إن النمو بلغ 4.5% عام 2023، وأضاف: «سنواصل العمل»...\nهل انتهى؟ نعم!"


def test_token_spans_cover_every_non_space_character_in_order():
    spans = tokens(TEXT)
    assert "".join(TEXT[a:b] for a, b in spans) == re.sub(r"\s", "", TEXT)
    assert all(a < b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))


def test_tokens_split_punctuation_and_keep_numbers():
    words = [TEXT[a:b] for a, b in tokens(TEXT)]
    assert words[:6] == ["قال", "الوزير", "(", "في", "مؤتمر", "صحفي"]
    assert "4.5%" in words and "2023" in words and "،" in words and "«" in words and "..." in words


def test_sentences_break_on_end_marks_and_lines():
    groups = [[TEXT[a:b] for a, b in s] for s in sentences(TEXT)]
    assert [g[-1] for g in groups] == ["...", "؟", "!"]


# --- CoNLL reading and scoring --------------------------------------------------------------------

def test_read_normalises_tag_names(tmp_path: Path):
    path = tmp_path / "tiny.txt"
    path.write_text(
        "\ufeffزار B-PERS\nسمير I-PERS\nمتحف B-MIS1\nالمدينة\tI-MIS1\n\nفي O\nطنطا B-LOC\nأمس B-DATE\n\n",
        encoding="utf-8",
    )
    sents = read(path)
    assert [s.tokens for s in sents] == [["زار", "سمير", "متحف", "المدينة"], ["في", "طنطا", "أمس"]]
    assert sents[0].tags == ["B-PER", "I-PER", "B-MISC", "I-MISC"]
    assert sents[1].tags == ["O", "B-LOC", "O"]
    assert read(path, extra={"DATE": "MISC"})[1].tags == ["O", "B-LOC", "B-MISC"]


def test_entities_follow_conll_chunking():
    assert entities(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "I-PER"]) == [
        ("PER", 0, 1), ("LOC", 3, 4), ("ORG", 5, 5), ("PER", 6, 6)
    ]


GOLD = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "O", "B-LOC"]]
PRED = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "O", "O", "B-LOC"]]


def test_score_by_hand():
    result = score(GOLD, PRED)
    # gold: PER, LOC, ORG, LOC; predicted: PER, ORG, ORG(short), LOC; right: PER and the second LOC
    assert result["precision"] == pytest.approx(0.5) and result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(0.5) and result["support"] == 4
    assert result["per_type"]["PER"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert result["per_type"]["LOC"] == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3), "support": 2}
    assert result["per_type"]["ORG"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}


def test_score_types_restriction():
    result = score(GOLD, PRED, types=["PER", "LOC"])
    assert set(result["per_type"]) == {"PER", "LOC"}
    assert (result["precision"], result["recall"], result["support"]) == (1.0, pytest.approx(2 / 3), 3)


@pytest.mark.filterwarnings("ignore")  # seqeval warns about empty types; we compare numbers only
def test_score_matches_seqeval_on_random_sequences():
    seqeval = pytest.importorskip("seqeval.metrics")
    rng = random.Random(7)
    tags = ["O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "I-MISC"]
    for _ in range(200):
        gold = [[rng.choice(tags) for _ in range(rng.randint(1, 12))] for _ in range(rng.randint(1, 5))]
        pred = [[rng.choice(tags) for _ in s] for s in gold]
        ours = score(gold, pred)
        assert ours["f1"] == pytest.approx(seqeval.f1_score(gold, pred))
        report = seqeval.classification_report(gold, pred, output_dict=True, zero_division=0)
        for kind, row in ours["per_type"].items():
            assert row["f1"] == pytest.approx(report[kind]["f1-score"])
            assert row["support"] == report[kind]["support"]


# --- the shipped model ---------------------------------------------------------------------------

def _labels(found: list[Span]) -> dict[str, str]:
    return {s.text: s.label for s in found}


def test_model_finds_obvious_entities(tagger: NerTagger):
    text = (
        "التقى الرئيس الفرنسي إيمانويل ماكرون المستشار الألماني أولاف شولتس في برلين أمس.\n"
        "وقالت منظمة الصحة العالمية إن الوضع في لبنان يتحسن، وإن مكتبها في القاهرة سيفتح قريبا."
    )
    found = tagger.spans(text)
    assert all(text[s.start:s.end] == s.text for s in found)
    labels = _labels(found)
    assert labels.get("برلين") == "LOC" and labels.get("لبنان") == "LOC" and labels.get("القاهرة") == "LOC"
    assert labels.get("إيمانويل ماكرون") == "PER" and labels.get("أولاف شولتس") == "PER"
    assert labels.get("منظمة الصحة العالمية") == "ORG"


def test_tag_gives_one_bio_tag_per_token(tagger: NerTagger):
    words = ["زار", "الرئيس", "الفرنسي", "باريس", "أمس", "."]
    tags = tagger.tag(words)
    assert len(tags) == len(words) and all(re.fullmatch(r"O|[BI]-(PER|ORG|LOC|MISC)", t) for t in tags)
    assert tagger.tag([]) == [] and tagger.spans("") == []


@pytest.mark.filterwarnings("ignore")
@pytest.mark.skipif(not ANERCORP.is_dir(), reason="shared ANERcorp data not present")
def test_anercorp_test_score_matches_docs(tagger: NerTagger):
    reported = re.search(r"ANERcorp test micro-F1 \(all types\): \*\*([0-9.]+)\*\*", DOCS.read_text(encoding="utf-8"))
    assert reported, "docs/NER.md lost its headline figure"
    result = evaluate([ANERCORP / "ANERCorp_CamelLab_test.txt"])
    assert result["f1"] == pytest.approx(float(reported.group(1)), abs=0.005)
    seqeval = pytest.importorskip("seqeval.metrics")
    sents = read(ANERCORP / "ANERCorp_CamelLab_test.txt")
    gold = [s.tags for s in sents]
    pred = [tagger.tag(s.tokens) for s in sents]
    assert score(gold, pred)["f1"] == pytest.approx(seqeval.f1_score(gold, pred))


# --- two-pass and cluster features (trained variants; the shipped model may not use them) ------------

def test_document_and_cluster_features(tmp_path: Path):
    from rasd.understand.ner.features import Featurizer, Lexicon, doc_counts, load_clusters, merge_counts

    counts = merge_counts([doc_counts(["زار", "ماكرون", "."], ["O", "B-PER", "O"]),
                           doc_counts(["وماكرون", "قال"], ["B-PER", "O"])])
    assert counts["ماكرون"] == [0, 2, 0, 0, 0] and "." not in counts
    path = tmp_path / "clusters.tsv"
    path.write_text("ماكرون\t3\t17\nبرلين\t5\t40\n", encoding="utf-8")
    featurizer = Featurizer(Lexicon(), load_clusters(path))
    feats = featurizer.sentence(["التقى", "ماكرون", "بالبرلين"], counts, ["O", "B-PER", "O"])
    assert "dk=PER/hi" in feats[1] and "dk=none" in feats[0]
    assert "c0w=3" in feats[1] and "c1=17" in feats[1] and "c=none" in feats[0]
    assert "c0s=5" in feats[2]  # the stem of بالبرلين is برلين
    assert "f0=B-PER" in feats[1] and "f-1=O" in feats[1]


# --- gazetteer features -----------------------------------------------------------------------------

def test_gazetteer_phrases_and_clitics(tmp_path: Path):
    import json

    from rasd.understand.ner.features import Featurizer, Gazetteer, Lexicon

    path = tmp_path / "gazetteer.json"
    path.write_text(json.dumps({"الامم المتحده": ["ORG"], "جورج": ["FN"], "الاميركي": ["NAT"],
                                "العراق": ["LOC"]}, ensure_ascii=False), encoding="utf-8")
    gaz = Gazetteer.load(path)
    assert gaz.max_len == 2
    assert gaz.single("وبالعراق") == ["LOC"] and gaz.single("للعراق") == ["LOC"] and gaz.single("عراقي") == []
    # longest match over tokens, the first token with its clitics (للأمم = ل + الأمم)
    assert gaz.matches(["قال", "للأمم".replace("أ", "ا"), "المتحده"]) == [[], ["B-ORG", "len2"], ["I-ORG"]]
    featurizer = Featurizer(Lexicon(), {}, gaz)
    feats = featurizer.sentence(["قال", "الرئيس", "الأميركي", "جورج", "زيكوفسكي", "في", "للأمم", "المتحدة"])
    assert "g1=NAT" in feats[2] and "g1=FN" in feats[3] and "g1=FN|lw=unk" in feats[3]
    assert "-1g1=FN" in feats[4] and "1g1=FN" in feats[2]  # neighbours lend their gazetteer type
    assert "gz=B-ORG" in feats[6] and "gz=I-ORG" in feats[7] and "-1gz=B-ORG" in feats[7] and "+1gz=B-ORG" in feats[5]
    assert "gz=B-ORG" in featurizer.sentence(["وللأمم", "المتحدة"])[0]


# --- document consistency ---------------------------------------------------------------------------

def test_confident_names_spread_over_the_document():
    from collections import Counter

    from rasd.understand.ner.consistency import confident_names, propagate

    doc = [
        ["قال", "الرئيس", "جاك", "شيراك", "إن", "باريس", "مستعدة"],
        ["وأضاف", "وشيراك", "أن", "لباريس", "دورا", "مع", "جاك", "شيراك"],
        ["وقال", "مصدر", "إن", "القرار", "لدوفيلبان"],
    ]
    tags = [["O", "O", "B-PER", "I-PER", "O", "B-LOC", "O"], ["O"] * 8, ["O", "O", "O", "O", "B-PER"]]
    names: dict = {}
    sure = {(0, i) for i in range(7)}  # the first sentence is confident, the third is not
    for n, (s, t) in enumerate(zip(doc, tags)):
        confident_names(s, t, lambda tag, i, n=n: 1.0 if (n, i) in sure else 0.5, 0.8, names)
    assert names[("جاك", "شيراك")] == Counter(PER=1) and names[("شيراك",)] == Counter(PER=1)
    assert ("دوفيلبان",) not in names
    out = propagate(doc, tags, names)
    # the clitic forms وشيراك and لباريس, and the full name again; tagged tokens are never changed
    assert out[1] == ["O", "B-PER", "O", "B-LOC", "O", "O", "B-PER", "I-PER"]
    assert out[0] == tags[0] and out[2] == tags[2]
    # a name tagged as two types equally often is left alone
    assert propagate([["باريس"]], [["O"]], {("باريس",): Counter(LOC=1, PER=1)}) == [["O"]]


def test_tag_document_uses_consistency_only_across_sentences(tagger: NerTagger):
    doc = [["زار", "الرئيس", "الفرنسي", "جاك", "شيراك", "برلين", "."], ["وقال", "شيراك", "إن", "الزيارة", "ناجحة", "."]]
    assert tagger.tag_document([doc[0]]) == [tagger.tag(doc[0])]
    tagger.confident = 0
    plain = tagger.tag_document(doc)
    tagger.confident = CONFIDENT
    spread = tagger.tag_document(doc)
    assert all(p == s or p[i] == "O" for p, s in zip(plain, spread) for i in range(len(p)))
