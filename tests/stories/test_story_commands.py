"""`rasd stories`, `storylines`, `events` and the export's new kinds, on our own fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).parents[1] / "fixtures" / "stories" / "articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cli") / "s.db"
    result = runner.invoke(app, ["ingest", str(FIXTURES), "--db", str(path), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return str(path)


def _lines(args: list[str]) -> list[dict]:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return [json.loads(x) for x in result.output.splitlines()]


def test_stories_timeline_and_filters(db: str) -> None:
    stories = _lines(["stories", "--db", db, "--json"])
    assert len(stories) == 4 and all(s["kind"] == "story" for s in stories)
    assert [s["end"] for s in stories] == sorted((s["end"] for s in stories), reverse=True)
    recent = _lines(["stories", "--db", db, "--from", "2025-01-01", "--json"])
    assert {s["start"][:4] for s in recent} == {"2025"} and len(recent) == 2
    old = _lines(["stories", "--db", db, "--to", "2024-12-31", "--json"])
    assert {s["start"][:4] for s in old} == {"2024"} and len(old) == 2
    text = runner.invoke(app, ["stories", "--db", db]).output
    assert "اليرموك" in text and "articles" in text


def test_stories_by_entity_any_spelling(db: str) -> None:
    entities = _lines(["entities", "--db", db, "--json", "--limit", "200"])
    minister = next((e for e in entities if "الخطيب" in e["name"]), None)
    if minister is None:
        pytest.skip("the tagger did not find the minister in this fixture")
    about = _lines(["stories", "--db", db, "--entity", "الخطيب", "--json"])
    assert about and all("اليرموك" in (s["title"] or "") for s in about)
    assert runner.invoke(app, ["stories", "--db", db, "--entity", "اسم لا يعرفه أحد"]).exit_code == 0


def test_storylines_and_events_commands(db: str) -> None:
    (line,) = _lines(["storylines", "--db", db, "--json"])
    assert len(line["story_ids"]) == 2 and line["label"]
    assert [t["date"] for t in line["timeline"]] == sorted(t["date"] for t in line["timeline"])
    events = _lines(["events", "--db", db, "--json"])
    assert all(e["type"] in {"meeting", "statement", "sanction", "agreement", "accusation"} for e in events)
    meetings = _lines(["events", "--db", db, "--type", "meeting", "--json"])
    assert all(e["type"] == "meeting" for e in meetings)


@pytest.mark.parametrize("args", [["stories", "--from", "last week"], ["stories", "--to", "2024-13-40"],
                                  ["events", "--type", "party"], ["storylines", "--db", "no-such.db"]])
def test_bad_arguments_exit_2(args: list[str], db: str) -> None:
    if "--db" not in args:
        args = [*args, "--db", db]
    assert runner.invoke(app, args).exit_code == 2


def test_export_has_story_storyline_and_event_lines(db: str) -> None:
    rows = _lines(["export", "--db", db])
    kinds = {r["kind"] for r in rows}
    assert {"article", "story", "storyline"} <= kinds
    stories = {r["id"]: r for r in rows if r["kind"] == "story"}
    articles = [r for r in rows if r["kind"] == "article"]
    assert all(a["story_id"] in stories and a["id"] in stories[a["story_id"]]["article_ids"] for a in articles)
    assert all(isinstance(a["events"], list) for a in articles)
    events = {r["id"]: r for r in rows if r["kind"] == "event"}
    for story in stories.values():
        assert all(events[e]["story_id"] == story["id"] for e in story["event_ids"])
