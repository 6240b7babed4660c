"""Build samples/warc/crawl.warc.gz from the HTML pages in samples/warc/.pages/ (hidden, so that walking samples/ does not read them twice).

The archive holds, in order: a warcinfo record, a request record, three HTML
responses, and one image/png response (a site logo) that readers must skip.
The output is deterministic: record ids are UUIDv5s of fixed names, WARC-Date and
HTTP dates are fixed, and gzip members carry no timestamp. Run it again to check
that `crawl.warc.gz` is unchanged:

    python -m venv /tmp/samplesvenv && /tmp/samplesvenv/bin/pip install warcio==1.8.1
    /tmp/samplesvenv/bin/python tools/make_sample_warc.py

All text in the pages is original writing for Rasd (Apache-2.0, like the code).
"""

from __future__ import annotations

import struct
import uuid
import zlib
from email.utils import format_datetime
from datetime import datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parents[1] / "samples" / "warc"
PAGES = HERE / ".pages"
OUT = HERE / "crawl.warc.gz"
NAMESPACE = uuid.UUID("6f1c2a52-5d0e-4e0b-9a53-2b7d7d1f0c11")

# (page file, target URI, WARC-Date). The sandstorm page has no date of its own:
# its WARC-Date is the only date anywhere for it.
HTML_PAGES = [
    ("alrasif-export-curbs.html", "https://alrasif.example/economy/2025/01/16/us-export-curbs-china",
     "2025-01-16T07:02:11Z"),
    ("bawaba-sandstorm.html", "https://bawabat-alkhaleej.example/saudi/riyadh-dust-storm",
     "2024-04-23T06:15:40Z"),
    ("publicnews-morocco-drought.html", "https://publicnews.example/maghreb/morocco-drought-plan/",
     "2023-03-08T13:30:05Z"),
]
LOGO_URI = "https://publicnews.example/wp-content/uploads/logo.png"
LOGO_DATE = "2023-03-08T13:30:06Z"


def record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, name)}>"


def http_date(warc_date: str) -> str:
    return format_datetime(datetime.fromisoformat(warc_date.replace("Z", "+00:00")), usegmt=True)


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG, built byte by byte."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1, 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def response(writer: WARCWriter, uri: str, warc_date: str, body: bytes, content_type: str):
    http = StatusAndHeaders("200 OK", [
        ("Date", http_date(warc_date)),
        ("Server", "nginx"),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
    ], protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri, "response", payload=BytesIO(body), http_headers=http,
        warc_headers_dict={"WARC-Record-ID": record_id("response " + uri), "WARC-Date": warc_date},
    )


def main() -> None:
    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        info = b"software: rasd samples/make_warc.py\r\nformat: WARC File Format 1.1\r\n" \
               b"description: sample crawl for Rasd; all text is original writing, Apache-2.0\r\n"
        writer.write_record(writer.create_warc_record(
            "", "warcinfo", payload=BytesIO(info), warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Record-ID": record_id("warcinfo"), "WARC-Date": HTML_PAGES[0][2],
                               "WARC-Filename": OUT.name},
        ))

        first_uri, first_date = HTML_PAGES[0][1], HTML_PAGES[0][2]
        request = StatusAndHeaders("GET /economy/2025/01/16/us-export-curbs-china HTTP/1.1", [
            ("Host", "alrasif.example"),
            ("User-Agent", "Mozilla/5.0 (compatible; RasdSampleCrawler/1.0)"),
            ("Accept", "text/html,application/xhtml+xml"),
            ("Accept-Language", "ar,en;q=0.5"),
        ], is_http_request=True)
        writer.write_record(writer.create_warc_record(
            first_uri, "request", payload=BytesIO(b""), http_headers=request,
            warc_headers_dict={"WARC-Record-ID": record_id("request " + first_uri), "WARC-Date": first_date,
                               "WARC-Concurrent-To": record_id("response " + first_uri)},
        ))

        for name, uri, warc_date in HTML_PAGES:
            body = (PAGES / name).read_bytes()
            writer.write_record(response(writer, uri, warc_date, body, "text/html; charset=utf-8"))
            if name.startswith("publicnews"):  # the page's logo, fetched right after it
                writer.write_record(response(writer, LOGO_URI, LOGO_DATE, tiny_png(), "image/png"))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
