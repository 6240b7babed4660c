"""Small Arabic pages, written for these tests."""

from __future__ import annotations

from pathlib import Path

HEADLINE = "افتتاح مكتبة عامة جديدة في وسط المدينة"
PARAGRAPHS = [
    "افتتح محافظ المدينة صباح الأحد مكتبة عامة جديدة تضم أكثر من ثلاثين ألف كتاب.",
    "وقالت مديرة المكتبة إن القاعات ستفتح أبوابها للقراء يوميا حتى التاسعة مساء.",
    "وتخصص المكتبة جناحا للأطفال وقاعة للمطالعة الهادئة وركنا للكتب المسموعة.",
]
ARTICLE = HEADLINE + "\n" + "\n".join(PARAGRAPHS) + "\n"


def html_page(charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{HEADLINE}</title></head><body><h1>{HEADLINE}</h1>{paragraphs}</body></html>")


def write(folder: Path, name: str, data: str | bytes) -> str:
    """Write a file (str as UTF-8) under `folder`; return its path as a string."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)
