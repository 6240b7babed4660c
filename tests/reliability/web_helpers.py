"""Helpers of the web reliability tests: news pages of our own writing, and a real uvicorn
server on 127.0.0.1 in a thread."""

from __future__ import annotations

import json
import random
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from rasd.web.app import MAX_REQUEST_HEAD

PEOPLE = ["سالم الحربي", "ليلى منصور", "خالد العمري", "نادية فهمي", "يوسف القاسم", "هدى السعدي"]
PLACES = ["عمّان", "بيروت", "تونس", "الرباط", "مسقط", "الدوحة"]
TOPICS = ["المياه", "الكهرباء", "النقل", "التعليم", "الصحة", "الزراعة", "السياحة", "الطاقة"]
WORDS = ("أعلن أكد أوضح أضاف افتتح أطلق بحث ناقش وقع رفض طالب حذر رحب دعا قرر مشروع خطة برنامج اتفاق "
         "تقرير اجتماع مؤتمر زيارة حملة مبادرة جديد كبير حديث واسع عام محلي دولي اليوم أمس الأسبوع").split()
SECURITY_HEADERS = {"content-security-policy": "default-src 'none'", "x-content-type-options": "nosniff",
                    "x-frame-options": "DENY", "referrer-policy": "no-referrer"}


def write_news(path: Path, n: int, seed: int = 11) -> Path:
    """n JSON Lines news pages: meetings of named people in named towns on dated days, with a
    quote each, so an ingest writes entities, quotes, stories and the search index."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a, b = rng.sample(PEOPLE, 2)
            place, topic = rng.choice(PLACES), rng.choice(TOPICS)
            filler = " ".join(rng.choices(WORDS, k=30))
            text = (f"التقى {a} مع {b} في {place} اليوم لبحث ملف {topic} رقم {i}. {filler}.\n\n"
                    f"وقال {a} إن \"التعاون في {topic} يتقدم\". {' '.join(rng.choices(WORDS, k=20))}.")
            out.write(json.dumps({"id": f"gen{i}", "source": f"صحيفة {rng.choice(PLACES)}",
                                  "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "url": f"https://news.example/{i}",
                                  "title": f"{a} و{b} يبحثان {topic} في {place} ({i})", "text": text},
                                 ensure_ascii=False) + "\n")
    return path


@contextmanager
def running(app):
    """`app` served by uvicorn on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           h11_max_incomplete_event_size=MAX_REQUEST_HEAD))  # as `rasd serve`
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def assert_secure(headers, what: str) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert value in headers.get(name, ""), f"{name} missing on {what}"
