"""Hostile inputs from issue 10, one by one: each bad page or file fails with its own
reason, and the good pages of the same file or folder still come through, up to the
store (the end-to-end test at the bottom)."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasd.extractors import HtmlExtractor
from rasd.ingest import ingest
from rasd.readers import read
from rasd.record import Article
from rasd.settings import Settings
from rasd.store import Store

# Our own short articles, distinct enough not to be taken for duplicates of one another.
ARTICLES = [
    "بلدية الميناء تفتتح سوقا للسمك\nافتتحت بلدية الميناء صباح اليوم سوقا جديدا للسمك قرب الرصيف القديم.\n"
    "وقال رئيس البلدية إن السوق يضم أربعين محلا ويعمل من الفجر حتى الظهر.\n"
    "وأضاف أن الصيادين سيبيعون صيدهم مباشرة للمشترين دون وسطاء.\n",
    "الجامعة تطلق برنامجا لتعليم البرمجة\nأطلقت الجامعة الوطنية برنامجا مجانيا لتعليم البرمجة لطلاب المدارس الثانوية.\n"
    "وأوضحت عميدة الكلية أن الدروس تبدأ الشهر المقبل في ثلاث قاعات مجهزة.\n"
    "ويستمر البرنامج ستة أشهر ويختتم بمسابقة بين الفرق المشاركة.\n",
    "أمطار غزيرة تغلق طريق الجبل\nأغلقت الشرطة طريق الجبل الرئيسي بعد أمطار غزيرة تسببت في انهيارات صخرية.\n"
    "ودعت إدارة المرور السائقين إلى سلوك الطريق الساحلي حتى إشعار آخر.\n"
    "وتعمل فرق الصيانة على إزالة الصخور وفتح الطريق خلال يومين.\n",
    "مهرجان للكتاب في الساحة العامة\nتستضيف الساحة العامة مهرجانا للكتاب يشارك فيه أكثر من مئة ناشر.\n"
    "وقالت اللجنة المنظمة إن المهرجان يتضمن أمسيات شعرية وورشا للأطفال.\n"
    "ويفتح المهرجان أبوابه مساء كل يوم طوال الأسبوع المقبل.\n",
    "المستشفى يفتح قسما جديدا للطوارئ\nافتتح المستشفى المركزي قسما جديدا للطوارئ يتسع لخمسين سريرا.\n"
    "وأكد مدير المستشفى أن القسم يعمل على مدار الساعة بطاقم من الأطباء والممرضين.\n"
    "وتهدف الخطوة إلى تقليل وقت الانتظار الذي اشتكى منه المرضى طويلا.\n",
]
SMALL = Settings(max_page_bytes=1 * 2**20, max_file_bytes=8 * 2**20)


@pytest.fixture(autouse=True)
def no_hang():
    """A FIFO that is opened blocks forever: fail the test after a minute instead."""
    def stop(*_):
        raise TimeoutError("test ran over 60 s: something blocked or looped")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def write(folder: Path, name: str | bytes, data: str | bytes) -> str:
    path = os.path.join(os.fsencode(folder), os.fsencode(name))
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC)  # bytes paths: names that are not UTF-8
    os.write(fd, data.encode() if isinstance(data, str) else data)
    os.close(fd)
    return os.fsdecode(path)


def line(**fields) -> str:
    return json.dumps(fields) + "\n"  # ASCII escapes: "\ud800" stays a lone surrogate escape


def by_name(records: list[Article]) -> dict[str, Article]:
    return {os.path.basename(r.path): r for r in records}


def test_fifo_in_a_folder_is_reported_not_opened(tmp_path):
    write(tmp_path, "a.txt", ARTICLES[0])
    os.mkfifo(tmp_path / "feed.jsonl")  # no writer: opening it would block forever
    records = by_name(list(read([str(tmp_path)])))
    assert records["feed.jsonl"].error == "not a regular file: a FIFO (named pipe)"
    assert not records["a.txt"].failed
    [named] = read([str(tmp_path / "feed.jsonl")])
    assert named.error == "not a regular file: a FIFO (named pipe)"


def test_socket_and_device_are_reported(tmp_path):
    write(tmp_path, "a.txt", ARTICLES[0])
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.txt"))
        records = by_name(list(read([str(tmp_path), "/dev/null"])))
    assert records["s.txt"].error == "not a regular file: a socket"
    assert records["null"].error == "not a regular file: a character device"
    assert not records["a.txt"].failed


def test_symlink_loops_are_reported(tmp_path):
    write(tmp_path, "a.txt", ARTICLES[0])
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")
    os.symlink(tmp_path / "ping.html", tmp_path / "pong.html")
    os.symlink(tmp_path / "pong.html", tmp_path / "ping.html")
    os.mkdir(tmp_path / "sub")
    os.symlink(tmp_path, tmp_path / "sub" / "up")  # a folder link back up: a walk would never end
    records = by_name(list(read([str(tmp_path)])))
    loop = "symbolic link loop: the link never reaches a file"
    assert [records[n].error for n in ("self.txt", "ping.html", "pong.html")] == [loop] * 3
    assert records["up"].error.startswith("symbolic link to a folder: not followed")
    assert not records["a.txt"].failed and len(records) == 5
    [named] = read([str(tmp_path / "self.txt")])
    assert named.error == loop


def test_file_names_that_are_not_utf8(tmp_path):
    write(tmp_path, b"\xff\xfe.txt", ARTICLES[0])
    write(tmp_path, "خبر-é.txt".encode("cp1256"), ARTICLES[1])  # b"\xce\xc8\xd1-\xe9.txt"
    records = list(read([str(tmp_path)]))
    assert sorted(os.path.basename(r.path) for r in records) == ["\\xce\\xc8\\xd1-\\xe9.txt", "\\xff\\xfe.txt"]
    for record in records:
        record.path.encode("utf-8")  # printable, storable text
        assert not record.failed and record.text in ARTICLES
    [named] = read([os.path.join(os.fsencode(tmp_path), b"\xff\xfe.txt")])  # a bytes path, as named
    assert named.path == f"{tmp_path}/\\xff\\xfe.txt" and named.text == ARTICLES[0]


def test_json_nested_100k_deep_fails_alone(tmp_path):
    path = write(tmp_path, "feed.jsonl", line(text=ARTICLES[0]) + "[" * 100_000 + "\n"
                 + '{"text": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}\n" + line(text=ARTICLES[1]))
    first, deep_list, deep_object, last = read([path])
    assert deep_list.error == deep_object.error.replace("line 3", "line 2") == \
        "line 2: JSON nested deeper than max_html_depth = 256"
    assert (first.text, last.text) == (ARTICLES[0], ARTICLES[1])


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    path = write(tmp_path, "feed.jsonl", line(text=ARTICLES[0] + "[{" * 5000, title="]" * 300))
    [page] = read([path])
    assert not page.failed and page.text.endswith("[{" * 5000)


def test_lone_surrogates_are_replaced_and_the_file_goes_on(tmp_path):
    path = write(tmp_path, "feed.jsonl", line(id="\ud800", text=ARTICLES[0]) + line(id="b", text=ARTICLES[1] + "\udfff"))
    first, second = read([path])
    assert (first.page, first.text) == ("\ufffd", ARTICLES[0])
    assert second.text == ARTICLES[1] + "\ufffd"
    assert first.meta["warnings"] == ["replaced 1 lone surrogate(s) with U+FFFD"]


def test_field_of_the_wrong_type_is_named(tmp_path):
    path = write(tmp_path, "feed.jsonl", line(text=ARTICLES[0]) + line(text=12345) + line(html=["<p>"])
                 + line(text=ARTICLES[1], url=7, title={"a": 1}))
    good, number, listed, warned = read([path])
    assert number.error == "line 2: 'text' is a number, not a string"
    assert listed.error == "line 3: 'html' is a list, not a string"
    assert not good.failed and not warned.failed and warned.url is None and warned.title is None
    assert warned.meta["warnings"] == ["'url' is a number, not a string", "'title' is an object, not a string"]


def test_json_line_over_max_page_bytes_fails_alone(tmp_path):
    path = write(tmp_path, "feed.jsonl", line(text=ARTICLES[0]) + line(text="ن" * 2**20) + line(text=ARTICLES[1]))
    first, long, last = read([path], settings=SMALL)
    assert long.error == "line 2 is over max_page_bytes = 1 MiB" and long.path == f"{path}:2"
    assert (first.text, last.text) == (ARTICLES[0], ARTICLES[1])


def gzip_bomb(path: str, head: bytes, size: int, filler: bytes = b" ") -> str:
    """`head`, then `size` bytes of `filler` with no newline, gzipped as it is written."""
    block = filler * 2**20
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) as out:
        out.write(head)
        for _ in range(size // len(block)):
            out.write(block)
    return path


def test_jsonl_gzip_bomb_stops_at_max_file_bytes_keeping_earlier_lines(tmp_path):
    path = gzip_bomb(str(tmp_path / "bomb.jsonl.gz"), line(text=ARTICLES[0]).encode(), 300 * 2**20)
    assert os.path.getsize(path) < 2 * 2**20  # a small file that inflates 300 MB without a newline
    good, bomb = read([path], settings=SMALL)
    assert good.text == ARTICLES[0]
    assert bomb.error == "decompressed file is over max_file_bytes = 8 MiB" and bomb.path == path


def test_text_gzip_bomb_is_one_page_over_max_page_bytes(tmp_path):
    path = gzip_bomb(str(tmp_path / "bomb.txt.gz"), ARTICLES[0].encode(), 64 * 2**20)
    [page] = read([path], settings=SMALL)
    assert page.error == "page is over max_page_bytes = 1 MiB"


def warc(records: list[tuple[str, bytes]], compress: bool = True) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for number, (content_type, body) in enumerate(records):
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://akhbar.example/{number}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


def html(text: str) -> str:
    title, *paragraphs = text.splitlines()
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>")


def test_warc_record_over_max_page_bytes_fails_alone(tmp_path):
    big = html(ARTICLES[1]).replace("<p>", "<p>" + "ن" * 2**20, 1)
    path = write(tmp_path, "crawl.warc.gz", warc([("text/html", html(ARTICLES[0]).encode()),
                                                  ("text/html", big.encode()), ("text/html", html(ARTICLES[2]).encode())]))
    first, big_one, last = read([path], settings=SMALL)
    assert big_one.error == "WARC record is over max_page_bytes = 1 MiB" and big_one.path == f"{path}#2"
    assert not first.failed and not last.failed


def test_warc_gzip_bomb_stops_at_max_file_bytes(tmp_path):
    bomb = zlib.compressobj(1, zlib.DEFLATED, 31)  # one gzip member: 300 MB of spaces, no newline
    member = bomb.compress(b" " * 300 * 2**20) + bomb.flush()
    path = write(tmp_path, "crawl.warc.gz", warc([("text/html", html(ARTICLES[0]).encode())]) + member)
    good, failure = read([path], settings=SMALL)
    assert not good.failed
    assert failure.error == "a record header is over max_page_bytes = 1 MiB"


def test_empty_warc_says_so(tmp_path):
    for name in ("empty.warc", "empty.warc.gz", "empty.jsonl"):
        [failure] = read([write(tmp_path, name, b"")])
        assert failure.error == "empty file"


def test_html_with_200k_tags_fails_on_the_element_limit():
    page = "<html><body>" + "<span>خبر</span>" * 200_000 + "</body></html>"
    good, many = HtmlExtractor().run([Article(page="a", path="a.html", html=html(ARTICLES[0])),
                                      Article(page="b", path="b.html", html=page)])
    assert many.error == "HTML has more than max_html_elements = 50000 elements"
    assert not good.failed and "سوقا جديدا للسمك" in good.text


def test_unknown_files_in_a_folder_are_reported(tmp_path):
    write(tmp_path, "a.txt", ARTICLES[0])
    write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0")
    write(tmp_path, "README", "ملاحظات")
    write(tmp_path, ".DS_Store", b"\0")  # hidden: skipped without a word
    records = by_name(list(read([str(tmp_path)])))
    assert sorted(records) == ["README", "a.txt", "photo.jpg"]
    assert records["photo.jpg"].error.startswith("unsupported file type: expected .txt, .html")
    assert records["README"].error == records["photo.jpg"].error


def test_reading_the_worst_inputs_keeps_memory_flat(tmp_path):
    """Default limits, in a fresh process so its peak RSS (VmHWM: ru_maxrss would carry
    pytest's own peak over the fork) is the reading's own. The gzip bomb used to reach
    4.2 GB; the 16 MiB windows-1256 page 1.25 GB (a list of one string per undecodable byte)."""
    bomb = gzip_bomb(str(tmp_path / "bomb.jsonl.gz"), line(text=ARTICLES[0]).encode(), 300 * 2**20)
    page = ARTICLES[1].encode("cp1256")
    legacy = write(tmp_path, "legacy.txt", page * ((Settings().max_page_bytes - 1) // len(page)))
    script = ("import re, sys; from rasd.readers import read; "
              "records = list(read(sys.argv[1:])); "
              "print(sum(r.failed for r in records), len(records), "
              "int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1]) // 1024)")
    out = subprocess.run([sys.executable, "-c", script, bomb, legacy], capture_output=True, text=True, check=True)
    failed, count, peak_mb = map(int, out.stdout.split())
    assert (failed, count) == (1, 3)  # the bomb's good line and the page read; its 300 MB line failed
    assert peak_mb < 250


def test_end_to_end_good_pages_stored_bad_files_in_errors(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "1.txt", ARTICLES[0])
    write(folder, "2.html", html(ARTICLES[1]))
    write(folder, "3.jsonl", line(text=ARTICLES[2]) + "[" * 100_000 + "\n" + line(id="\ud800", text=ARTICLES[3])
          + line(text=12345))
    write(folder, b"\xff\xfe.txt", ARTICLES[4])
    write(folder, "empty.warc", b"")
    write(folder, "many.html", "<html><body>" + "<b>خبر</b>" * 200_000 + "</body></html>")
    write(folder, "notes.md", "ملاحظات")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(folder / "s.html"))
        with Store(tmp_path / "rasd.db") as store:
            report = ingest([str(folder)], store, Settings(workers=1))
        counts, failures = report.counts, report.failures
    db = sqlite3.connect(tmp_path / "rasd.db")
    texts = {text for (text,) in db.execute("SELECT text FROM articles")}
    for article in ARTICLES:  # every good page, down to its last paragraph
        assert any(article.splitlines()[-1] in text for text in texts), article
    pages = {os.path.basename(path) for (path,) in db.execute("SELECT path FROM pages")}
    assert {"1.txt", "2.html", "3.jsonl:1", "3.jsonl:3", "\\xff\\xfe.txt"} <= pages
    errors = {os.path.basename(path): reason for path, reason in db.execute("SELECT path, reason FROM errors")}
    assert errors == {
        "3.jsonl:2": "line 2: JSON nested deeper than max_html_depth = 256",
        "3.jsonl:4": "line 4: 'text' is a number, not a string",
        "empty.warc": "empty file",
        "many.html": "HTML has more than max_html_elements = 50000 elements",
        "notes.md": errors["notes.md"],
        "pipe.txt": "not a regular file: a FIFO (named pipe)",
        "loop.txt": "symbolic link loop: the link never reaches a file",
        "s.html": "not a regular file: a socket",
    }
    assert errors["notes.md"].startswith("unsupported file type")
    assert counts["errors"] == len(failures) == 8


def test_command_line_names_a_loop_and_a_non_utf8_file(tmp_path):
    """Named on the command line, as a shell passes them: the loop is reported, not called
    missing, and the run record keeps the undecodable name as text."""
    write(tmp_path, b"\xff.txt", ARTICLES[0])
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    db = tmp_path / "rasd.db"
    args = [b"ingest", b"--db", os.fsencode(db), b"-q", os.fsencode(tmp_path / "loop.txt"), os.fsencode(tmp_path) + b"/\xff.txt"]
    done = subprocess.run([sys.executable, "-m", "rasd.cli", *args], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # 1: some pages failed
    store = sqlite3.connect(db)
    assert store.execute("SELECT reason FROM errors").fetchall() == [("symbolic link loop: the link never reaches a file",)]
    assert store.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    [(paths,)] = store.execute("SELECT paths FROM runs")
    assert json.loads(paths)[1].endswith("/\\xff.txt")  # as the page path shows it
