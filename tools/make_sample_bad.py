"""Write the deliberately bad files in samples/bad/, deterministically.

    python3 tools/make_sample_bad.py

- junk.txt         2,048 seeded random bytes, NULs included: binary, not a page
- empty.txt        0 bytes
- undecodable.txt  1,024 seeded random bytes in 0x80-0xFF, no spaces or newlines:
                   invalid UTF-8 and noise in every single-byte encoding
- truncated.html   an HTML document cut off right after <body>: no article text

Standard library only. The one Arabic line (a <title>) is original writing for Rasd.
"""

from __future__ import annotations

import codecs
import random
from pathlib import Path

BAD = Path(__file__).resolve().parents[1] / "samples" / "bad"
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

TRUNCATED = """<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>وزراء الزراعة العرب يبحثون في القاهرة خطة للأمن الغذائي | الشرق اليوم</title>
<meta property="og:site_name" content="الشرق اليوم">
<link rel="stylesheet" href="/static/css/main.css">
</head>
<body class="article-page">
"""


def junk(rng: random.Random) -> bytes:
    data = bytearray(rng.randbytes(2048))
    for i in range(0, len(data), 37):  # plenty of NULs, as in any binary file
        data[i] = 0
    return bytes(data)


def undecodable(rng: random.Random) -> bytes:
    while True:
        data = bytes(rng.randrange(0x80, 0x100) for _ in range(1024))
        if not data.startswith(BOMS):
            return data


def main() -> None:
    BAD.mkdir(exist_ok=True)
    rng = random.Random(20240501)
    files = {
        "junk.txt": junk(rng),
        "empty.txt": b"",
        "undecodable.txt": undecodable(rng),
        "truncated.html": TRUNCATED.encode("utf-8"),
    }
    for name, data in files.items():
        (BAD / name).write_bytes(data)
        print(f"wrote bad/{name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
