"""Hostile inputs (issue 10): time and peak memory of reading them, default limits.

    .venv/bin/python benchmarks/reliability_inputs.py [--tmp DIR]

Makes each input on the fly (gzip bombs written in streaming fashion), then reads it in
a fresh process: `read()` and, for HTML, the `HtmlExtractor` step, as ingest runs them.
Peak RSS is the process's VmHWM (ru_maxrss would carry over the parent's peak through
fork). The last row reads the 200k-tag page with its limit raised, to show what the
limit saves.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

PARAGRAPH = "افتتحت البلدية حديقة عامة جديدة في الحي الشمالي تضم ملعبا للأطفال ومسارا للمشي."
LINE = json.dumps({"text": PARAGRAPH * 3}, ensure_ascii=False).encode() + b"\n"


def bomb(path: Path, head: bytes, size: int) -> Path:
    """`head`, then `size` bytes of spaces without a newline, gzipped (level 9) as written."""
    block = b" " * 2**24
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9) as out:
        out.write(head)
        for _ in range(size // len(block)):
            out.write(block)
    return path


def warc_bomb(path: Path, size: int) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    html = f"<html><body><p>{PARAGRAPH}</p></body></html>".encode()
    writer.write_record(writer.create_warc_record("https://hadiqa.example/1", "response",
                                                  payload=io.BytesIO(html), http_headers=http))
    member = zlib.compressobj(9, zlib.DEFLATED, 31)  # one more gzip member: spaces, no newline
    with open(path, "wb") as fh:
        fh.write(out.getvalue())
        for _ in range(size // 2**24):
            fh.write(member.compress(b" " * 2**24))
        fh.write(member.flush())
    return path


def legacy_page(path: Path, size: int) -> Path:
    """A text page in windows-1256 just under `size` bytes: decoded by detection."""
    line = (PARAGRAPH + "\n").encode("cp1256")
    path.write_bytes(line * ((size - 1) // len(line)))
    return path


def many_tags(path: Path, n: int) -> Path:
    path.write_text("<html><body>" + f"<p>{PARAGRAPH}</p>" + "<span>خبر</span>" * n + "</body></html>", "utf-8")
    return path


MEASURE = """
import json, re, sys, time
from rasd.extractors import HtmlExtractor
from rasd.readers import read
from rasd.settings import Settings
settings = Settings(**json.loads(sys.argv[2]))
start = time.perf_counter()
records = list(HtmlExtractor(settings).run(read([sys.argv[1]], settings=settings)))
seconds = time.perf_counter() - start
peak = int(re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read())[1]) // 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "records": [[r.path.rsplit("/", 1)[-1], r.error] for r in records]}))
"""


def measure(path: Path, **settings: int) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, str(path), json.dumps(settings)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tmp", type=Path, help="where to write the inputs (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.tmp) as folder:
        tmp = Path(folder)
        cases = [
            ("JSONL gzip bomb: 1 good line, then 2 GiB without a newline",
             bomb(tmp / "bomb.jsonl.gz", LINE, 2 * 2**30), {}),
            ("JSONL gzip bomb: the same, 6 GiB (a whole 6 GiB read)",
             bomb(tmp / "bomb6.jsonl.gz", LINE, 6 * 2**30), {}),
            ("text gzip bomb: 2 GiB page", bomb(tmp / "bomb.txt.gz", PARAGRAPH.encode(), 2 * 2**30), {}),
            ("WARC gzip bomb: 1 page, then a 2 GiB gzip member without a newline",
             warc_bomb(tmp / "bomb.warc.gz", 2 * 2**30), {}),
            ("windows-1256 text page just under max_page_bytes (16 MiB)",
             legacy_page(tmp / "legacy.txt", 16 * 2**20), {}),
            ("HTML page with 200k tags", many_tags(tmp / "tags.html", 200_000), {}),
            ("HTML page with 200k tags, max_html_elements raised to 1M",
             tmp / "tags.html", {"max_html_elements": 10**6}),
        ]
        print("| input | file size | time | peak RSS | records |")
        print("|---|---|---|---|---|")
        for label, path, settings in cases:
            result = measure(path, **settings)
            records = "; ".join(f"{name}: {error or 'ok'}" for name, error in result["records"])
            print(f"| {label} | {path.stat().st_size / 2**20:.1f} MB | {result['seconds']:.1f} s "
                  f"| {result['peak_mb']} MB | {records} |", flush=True)


if __name__ == "__main__":
    main()
