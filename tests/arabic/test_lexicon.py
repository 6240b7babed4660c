from pathlib import Path

import pytest

from rasd.arabic import lexicon
from rasd.arabic.lexicon import (
    SPEECH_VERBS, STATEMENT_VERBS, STOPWORDS, WHOLE_WORDS, load, proclitic_forms, split_proclitics, strip_as_written, strip_proclitics,
)
from rasd.arabic.normalize import normalize

DATA = ("stopwords", "speech_verbs", "speech_verbs_other_senses", "whole_words")


@pytest.mark.parametrize("name", DATA)
def test_data_files_are_found_non_empty_and_normalised(name):
    entries = load(name)
    assert entries
    assert all(e == normalize(e) and not e.startswith("#") for e in entries)
    assert len(set(entries)) == len(entries)


def test_data_files_are_package_data():
    folder = Path(lexicon.__file__).parent
    assert {p.stem for p in folder.glob("*.txt")} >= set(DATA)
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"arabic/lexicon/*.txt"' in pyproject  # carried by an installed wheel


def test_lists_hold_what_callers_expect():
    assert {"في", "الذي", "اليوم"} <= STOPWORDS
    assert {"قال", "قالت", "وقال", "واكد"} <= STOPWORDS  # speech verbs are filler in any article
    assert "قال" in SPEECH_VERBS and "اكد" in SPEECH_VERBS
    assert "وليد" in WHOLE_WORDS
    assert set(STATEMENT_VERBS) < set(SPEECH_VERBS)
    assert "قال" in STATEMENT_VERBS and "زاد" not in STATEMENT_VERBS  # زاد also means "increased"
    assert set(load("speech_verbs_other_senses")) <= set(SPEECH_VERBS)


@pytest.mark.parametrize("word, stripped", [
    ("وليد", "وليد"),  # a name, not و + ليد
    ("ولي", "ولي"),  # too short a remainder (and a word: ولي العهد)
    ("وواشنطن", "واشنطن"),
    ("واشنطن", "واشنطن"),
    ("والرياض", "الرياض"),
    ("بالرياض", "الرياض"),
    ("فالحكومة", "الحكومه"),
    ("للرئيس", "الرييس"),  # لل is ل + ال
    ("وللرئيس", "الرييس"),
    ("بوتين", "بوتين"),  # a preposition comes off only before the article
    ("وبوتين", "بوتين"),
    ("وهو", "وهو"),  # short words stay
    ("وال", "وال"),
    ("ال", "ال"),
])
def test_strip_proclitics(word, stripped):
    assert strip_proclitics(word) == stripped


def test_the_article_comes_off_only_when_asked():
    assert strip_proclitics("والرئيس") == "الرييس"
    assert strip_proclitics("والرئيس", article=True) == "رييس"
    assert strip_proclitics("للرئيس", article=True) == "رييس"
    assert strip_proclitics("الم", article=True) == "الم"  # one letter would remain
    assert strip_proclitics("وليد", article=True) == "وليد"  # the page segmenter's content words
    assert split_proclitics("وبالرياض", article=True) == ("وبال", "رياض")


def test_min_stem_lets_function_words_lose_their_conjunction():
    assert strip_proclitics("وفي") == "وفي"
    assert strip_proclitics("وفي", min_stem=2) == "في"
    assert strip_proclitics("ولي", min_stem=2) == "ولي"  # known whole


def test_strip_as_written_keeps_the_spelling():
    assert strip_as_written("وواشنطن") == "واشنطن"
    assert strip_as_written("وأوكرانيا") == "أوكرانيا"
    assert strip_as_written("وَواشنطن") == "واشنطن"  # the harakah goes with its letter
    assert strip_as_written("للولايات المتحدة") == "الولايات المتحدة"
    assert strip_as_written("والرئيس بوتين") == "الرئيس بوتين"
    assert strip_as_written("وليد جنبلاط") == "وليد جنبلاط"
    assert strip_as_written("لموسكو") == "لموسكو"  # ل before a name may be part of it (لبنان)
    assert strip_as_written("لموسكو", known={"موسكو"}) == "موسكو"  # unless the caller knows the name
    assert strip_as_written("وللولايات المتحدة") == "الولايات المتحدة"


def test_proclitic_forms_list_candidates_longest_first():
    assert proclitic_forms("والرئيس") == ("والرييس", "الرييس", "رييس")
    assert proclitic_forms("للرئيس") == ("للرييس", "الرييس", "رييس")
    assert proclitic_forms("لبوتين") == ("لبوتين", "بوتين")
    assert proclitic_forms("وبموسكو") == ("وبموسكو", "بموسكو", "موسكو")
    assert proclitic_forms("وال") == ("وال",)  # too short to hold a clitic and a word
    assert proclitic_forms("وليد") == ("وليد",)  # known whole: never ليد
    assert proclitic_forms("وبوتين") == ("وبوتين", "بوتين")  # not وتين
