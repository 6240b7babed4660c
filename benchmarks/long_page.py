"""One very long page of our own Arabic writing (names, quotes, dates, bracketed short forms),
for timing steps against page size: a step quadratic in the page shows here first."""

from __future__ import annotations

import random
from pathlib import Path

NAMES = ["محمد بن سلمان", "فلاديمير بوتين", "إيمانويل ماكرون", "وكالة الأنباء السعودية (واس)", "الأمم المتحدة",
         "حلف شمال الأطلسي «الناتو»", "سامر الخطيب", "ليلى العمري", "نادر الحسيني", "وزارة الخارجية"]
PLACES = ["الرياض", "موسكو", "باريس", "جدة", "القاهرة", "عمّان", "بيروت", "دمشق"]


def _sentence(rng: random.Random, i: int) -> str:
    a, b, place = rng.choice(NAMES), rng.choice(NAMES), rng.choice(PLACES)
    return rng.choice([
        f"التقى {a} مع {b} في {place} يوم الثلاثاء الماضي لبحث ملفات التعاون رقم {i}.",
        f"وقال {a} إن «الاجتماع كان مثمرا وسيتبعه لقاء آخر في {place} قريبا».",
        f"وأعلنت {a} أن الوفد سيصل إلى {place} في الخامس من الشهر المقبل.",
        f"واتهم {a} الطرف الآخر بعرقلة المفاوضات التي جرت في {place} أمس.",
    ])


def write_long_page(path: Path, size: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    paragraphs, written, i = [], 0, 0
    while written < size:
        paragraph = " ".join(_sentence(rng, i + j) for j in range(5))
        i += 5
        paragraphs.append(paragraph)
        written += len(paragraph.encode("utf-8"))
    path.write_text("عنوان الصفحة الطويلة\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
