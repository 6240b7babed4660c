"""Regression guard on our own annotated set (eval/understand): the issue's quality targets.

Entity mentions come from the annotation, so this measures quotes, dates and resolution,
not the tagger (docs/EVALUATION.md has the end-to-end figures with the shipped model).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCORER = Path(__file__).parents[2] / "eval" / "understand_score.py"


@pytest.fixture(scope="module")
def scores():
    out = subprocess.run([sys.executable, str(SCORER), "--mentions", "gold"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_quote_detection_and_speakers(scores):
    assert scores["quotes"]["gold"] >= 60
    assert scores["quotes"]["f1"] >= 0.85
    assert scores["quotes"]["speaker_correct_of_gold"] >= 0.80


def test_date_values(scores):
    assert scores["dates"]["gold"] >= 80
    assert scores["dates"]["value_exact_of_gold"] >= 0.90


def test_variant_groups_merge_without_wrong_merges(scores):
    groups = scores["variant_groups"]
    assert groups["groups"] >= 25 and groups["merged_whole"] >= 25
    assert groups["wrong_merges"] == 0 and groups["distinct_pairs_merged"] == 0
