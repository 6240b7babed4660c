import gzip
import json
import os

import pytest
from reader_samples import ARTICLE, html_page, write

from rasd.readers import read


def test_walks_folders_in_order_and_dispatches_by_type(tmp_path):
    write(tmp_path, "b/2.txt", ARTICLE)
    write(tmp_path, "b/1.html", html_page())
    write(tmp_path, "a.jsonl", json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"html": html_page()}) + "\n")
    write(tmp_path, "c/d/4.htm.gz", gzip.compress(html_page().encode()))
    write(tmp_path, "c/3.ndjson.gz", gzip.compress(json.dumps({"id": "x", "text": ARTICLE}).encode()))
    write(tmp_path, ".hidden.txt", ARTICLE)  # hidden entries are skipped without a word
    write(tmp_path, ".git/objects.txt", ARTICLE)
    records = list(read([str(tmp_path)]))
    assert [os.path.relpath(r.path, tmp_path) for r in records] == [
        "a.jsonl:1", "a.jsonl:2", "b/1.html", "b/2.txt", "c/3.ndjson.gz:1", "c/d/4.htm.gz"]
    assert [r.page for r in records] == ["a:1", "a:2", "1", "2", "x", "4"]
    assert [bool(r.html) for r in records] == [False, True, True, False, False, True]
    assert not any(r.failed for r in records)


def test_files_of_other_types_in_a_walk_are_reported(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    notes = write(tmp_path, "notes.md", "# ملاحظات")
    [good, other] = read([str(tmp_path)])
    assert not good.failed
    assert other.path == notes and other.error.startswith("unsupported file type: expected .txt")


def test_symlinked_folders_are_reported_not_followed_in_a_walk(tmp_path):
    write(tmp_path, "real/a.txt", ARTICLE)
    os.symlink(tmp_path / "real", tmp_path / "link")
    link, good = read([str(tmp_path)])
    assert link.path == str(tmp_path / "link") and link.error.startswith("symbolic link to a folder: not followed")
    assert good.path == str(tmp_path / "real/a.txt") and not good.failed
    [named] = read([str(tmp_path / "link")])  # named, it is read
    assert not named.failed


def test_named_files_of_other_types_fail(tmp_path):
    notes = write(tmp_path, "notes.md", "# ملاحظات")
    [record] = read([notes])
    assert record.failed and record.path == notes and record.page == "notes"
    assert record.error.startswith("unsupported file type: expected .txt")


def test_missing_and_unreadable_files_fail_and_the_walk_goes_on(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    os.symlink(tmp_path / "gone.txt", tmp_path / "b.txt")
    write(tmp_path, "c.txt", ARTICLE)
    a, b, c, missing = read([str(tmp_path), str(tmp_path / "nothing-here.txt")])
    assert not a.failed and not c.failed
    assert b.error == "broken symbolic link: its target is missing"
    assert missing.error == "no such file or folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path):
    path = write(tmp_path, "secret.txt", ARTICLE)
    os.chmod(path, 0)
    [record] = read([path])
    assert record.error == "cannot read file: Permission denied"


def test_one_bad_file_among_good_ones(tmp_path):
    write(tmp_path, "1.txt", ARTICLE)
    write(tmp_path, "2.txt", b"")
    write(tmp_path, "3.html", os.urandom(2000).replace(b"\0", b"") + b"\0")
    write(tmp_path, "4.txt", ARTICLE.encode("cp1256"))
    records = list(read([str(tmp_path)]))
    assert [r.error for r in records] == [None, "empty page", "binary content, not text", None]


def test_stdin_among_paths(tmp_path):
    import io

    path = write(tmp_path, "a.txt", ARTICLE)
    stdin = io.BytesIO((json.dumps({"text": ARTICLE}) + "\n").encode())
    first, second = read([path, "-"], stdin=stdin)
    assert first.path == path and second.path == "-:1"
