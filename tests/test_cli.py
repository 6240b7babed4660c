"""The command line end to end: exit codes, ingest, export formats, stats, demo, resume."""

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from rasd.cli import app

runner = CliRunner()

WORDS = (
    "الحكومة البلدية الوزير المدينة الطريق الجسر المدرسة المستشفى السوق الميناء المطار الشركة المصنع "
    "الجامعة الطلاب المعلمون الأطباء المزارعون التجار السكان الموظفون اللاعبون المدرب الفريق الملعب "
    "أعلن أكد قال أوضح أضاف افتتح أطلق بحث ناقش وقع رفض طالب حذر رحب انتقد دعا قرر استقبل زار "
    "جديد كبير صغير سريع حديث قديم واسع عام خاص محلي دولي اقتصادي سياسي رياضي ثقافي صحي "
    "اليوم أمس غدا صباحا مساء الأسبوع الشهر العام المقبل الماضي خلال بعد قبل نحو أكثر أقل "
    "مشروع خطة برنامج اتفاق قرار تقرير اجتماع مؤتمر زيارة حملة مبادرة مسابقة معرض مهرجان "
    "المياه الكهرباء النقل التعليم الصحة الزراعة السياحة التجارة الصناعة البيئة الطاقة الإسكان"
).split()


def write_pages(folder, n: int, seed: int = 7) -> None:
    """n distinct pages of shuffled words: no two share enough shingles to be near-duplicates."""
    import random

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = "\n".join(" ".join(rng.choices(WORDS, k=25)) + "." for _ in range(3))
        (folder / f"page{i:05d}.txt").write_text(f"خبر رقم {i} عن {rng.choice(WORDS)}\n\n{body}\n", "utf-8")


def test_ingest_export_stats(tmp_path):
    write_pages(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    db = tmp_path / "r.db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db), "--source", "بوابة المدينة", "--published", "2024-03-01"])
    assert result.exit_code == 1  # done, but one page failed
    assert "empty.txt" in result.output and "3 new pages" in result.output

    lines = [json.loads(line) for line in runner.invoke(app, ["export", "--db", str(db)]).output.splitlines()]
    articles = [x for x in lines if x["kind"] == "article"]
    errors = [x for x in lines if x["kind"] == "error"]
    assert len(articles) == 3 and len(errors) == 1
    assert errors[0]["path"].endswith("empty.txt") and errors[0]["reason"]
    first = articles[0]
    assert set(first) >= {"id", "page", "page_index", "source", "url", "title", "published", "text",
                          "duplicate_of", "sources", "story_id", "entities", "quotes", "dates"}
    assert first["page"] == "page00000" and first["page_index"] == 0
    assert first["source"] == "بوابة المدينة" and first["published"] == "2024-03-01"
    assert first["title"].startswith("خبر رقم 0 عن")
    assert all(isinstance(first[k], list) for k in ("entities", "quotes", "dates", "events"))
    assert first["story_id"] in {x["id"] for x in lines if x["kind"] == "story"}
    for d in first["dates"]:  # the random words include "اليوم": today is the publication date
        assert first["text"][d["start"]:d["end"]] == d["text"] and d["value"] == "2024-03-01"

    out = tmp_path / "a.csv"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "-o", str(out)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert [r["id"] for r in rows] == [a["id"] for a in articles]
    assert json.loads(rows[0]["sources"]) == ["page00000"]

    out = tmp_path / "a.parquet"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "parquet", "-o", str(out)]).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 3 and table.column("title").to_pylist()[0] == first["title"]

    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).output)
    assert stats["pages"] == 3 and stats["articles"] == 3 and stats["errors"] == 1
    assert stats["sources"] == {"بوابة المدينة": 3}
    assert stats["first_published"] == stats["last_published"] == "2024-03-01"

    again = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert "0 new pages" in again.output and "3 pages already stored" in again.output


def test_clean_run_exits_zero(tmp_path):
    write_pages(tmp_path / "in", 2)
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 0, result.output


def test_stdin_jsonl(tmp_path):
    line = json.dumps({"id": "s1", "text": "عنوان\n\n" + " ".join(WORDS[:40]) + ".", "source": "وكالة"}, ensure_ascii=False)
    result = runner.invoke(app, ["ingest", "-", "--db", str(tmp_path / "r.db")], input=line + "\n")
    assert result.exit_code == 0, result.output
    exported = json.loads(runner.invoke(app, ["export", "--db", str(tmp_path / "r.db")]).output.splitlines()[0])
    assert exported["page"] == "s1" and exported["source"] == "وكالة"


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "no/such/folder"],
        ["ingest", ".", "--published", "yesterday"],
        ["export", "--format", "xml"],
        ["stats", "--db", "no-such.db"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, args).exit_code == 2


def test_demo_runs_on_the_bundled_samples(tmp_path):
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db), "--samples", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert "duplicate of" in result.output
    assert "could not be used" in result.output


def test_killed_run_resumes_without_duplicating(tmp_path):
    """Kill an ingest mid-run with SIGKILL; the re-run finishes it and counts come out exact."""
    n = 3000
    write_pages(tmp_path / "in", n)
    db = tmp_path / "r.db"
    config = tmp_path / "rasd.toml"
    config.write_text("[rasd]\nbatch_size = 25\n")
    cmd = [sys.executable, "-m", "rasd.cli", "ingest", str(tmp_path / "in"), "--db", str(db), "--config", str(config), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                    stored = con.execute("SELECT count(*) FROM pages").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # schema not created yet
            if stored >= 200:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    with sqlite3.connect(db) as con:
        partial = con.execute("SELECT count(*) FROM pages").fetchone()[0]
        assert partial == con.execute("SELECT count(*) FROM articles").fetchone()[0]  # whole pages only
    assert 0 < partial < n

    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n - partial} new pages" in rerun.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == n
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == n
        assert con.execute("SELECT count(DISTINCT page) FROM articles").fetchone()[0] == n
        assert con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0] == 0
        # every article counted once in its story and in the term counts, none lost, none twice
        assert con.execute("SELECT sum(articles) FROM stories").fetchone()[0] == n
        assert con.execute("SELECT df FROM term_df WHERE term = '#articles'").fetchone()[0] == n
        assert con.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM stories WHERE dirty = 1").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM search_index").fetchone()[0] == n  # indexed once each, none lost


def test_entities_quotes_and_eval_ner_commands(tmp_path):
    db = tmp_path / "s.db"
    assert runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db), "-q"]).exit_code == 1  # the bad samples
    people = [json.loads(x) for x in runner.invoke(app, ["entities", "--db", str(db), "--type", "PER", "--json"]).output.splitlines()]
    assert people and all(e["type"] == "PER" and e["variants"] and e["mentions"] >= 1 for e in people)
    putin = next(e for e in people if "بوتين" in e["name"])
    assert putin["mentions"] >= 5 and "بوتين" in putin["variants"]
    said = [json.loads(x) for x in runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "لافروف", "--json"]).output.splitlines()]
    assert said and all(q["speaker_id"] or "لافروف" in q["speaker"] for q in said)
    assert runner.invoke(app, ["entities", "--db", str(db), "--type", "XYZ"]).exit_code == 2

    conll = tmp_path / "gold.txt"
    conll.write_text("زار B-PERS\nماكرون I-PERS\nبرلين B-LOC\n. O\n\nوقالت O\nالحكومة O\n", "utf-8")
    result = json.loads(runner.invoke(app, ["eval-ner", str(conll), "--json"]).output)
    assert set(result) >= {"precision", "recall", "f1", "per_type"} and 0.0 <= result["f1"] <= 1.0
    only_loc = json.loads(runner.invoke(app, ["eval-ner", str(conll), "--types", "LOC", "--json"]).output)
    assert set(only_loc["per_type"]) == {"LOC"}
    assert runner.invoke(app, ["eval-ner", str(conll), "--types", "FOO"]).exit_code == 2
