"""A generated news corpus of our own Arabic writing that exercises every counter of the store:
people, organisations and places (entity mentions), quotes with speakers, dates, events,
stories over several days, near-duplicates republished by other outlets, site chrome that
outlets repeat page after page, and pages that hold two articles. Seeded: the same call
writes the same bytes. Used by the crash, full-disk and concurrency tests and by
benchmarks/reliability.py.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PEOPLE = ["سامر الخطيب", "ليلى العمري", "نادر الحسيني", "هالة المنصوري", "كريم الدباغ", "رنا الشامي",
          "فيصل الزهراني", "منى القحطاني", "طارق البزاز", "سلوى الحداد"]
ORGS = ["وزارة الخارجية", "الأمم المتحدة", "جامعة الدول العربية", "وزارة الصحة", "البنك المركزي",
        "مجلس الشورى", "الهلال الأحمر"]
PLACES = ["الرياض", "جدة", "القاهرة", "عمّان", "بيروت", "الدوحة", "مسقط", "تونس", "الرباط", "بغداد"]
TOPICS = ["المياه", "التجارة الحدودية", "الطاقة المتجددة", "النقل البحري", "التعليم الرقمي", "الأمن الغذائي",
          "السياحة", "الصحة العامة", "الزراعة", "الإسكان"]
DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس"]
SOURCES = {  # outlet -> the chrome lines it prints on every page
    "صحيفة الوادي": ["الرئيسية | محليات | دولي | اقتصاد", "تابعونا على منصات التواصل", "جميع الحقوق محفوظة لصحيفة الوادي"],
    "موقع الأفق": ["اقرأ أيضا في الأفق", "اشترك في النشرة البريدية", "الأفق نيوز ٢٠٢٤"],
    "بوابة السهل": ["بوابة السهل الإخبارية", "الأكثر قراءة اليوم", "حقوق النشر محفوظة"],
    "وكالة النخيل": [],
}


def _story(rng: random.Random, k: int) -> dict:
    a, b = rng.sample(PEOPLE, 2)
    return {"a": a, "b": b, "org": rng.choice(ORGS), "place": rng.choice(PLACES), "topic": rng.choice(TOPICS),
            "day": rng.choice(DAYS), "n": k}


SUBJECTS = ["اللجنة الفنية", "الفريق الاستشاري", "المكتب الإقليمي", "الهيئة العامة", "مجلس الإدارة", "الوفد الزائر",
            "الخبراء المحليون", "الجهات الرقابية", "المجلس البلدي", "فريق المتابعة", "الغرفة التجارية", "المراقبون"]
VERBS = ["ناقش", "راجع", "اقترح", "درس", "قيّم", "استعرض", "أقرّ", "رفض", "أجّل", "وسّع", "خفّض", "دعم"]
OBJECTS = ["خطة التمويل", "جدول التنفيذ", "معايير الجودة", "آلية الرقابة", "ميزانية الصيانة", "برنامج التدريب",
           "شروط التعاقد", "مؤشرات الأداء", "خرائط المشروع", "قائمة الأولويات", "نظام الحوافز", "عقود التوريد"]
MANNER = ["بعد نقاش مطول", "في جلسة مغلقة", "بحضور ممثلين عن القطاع الخاص", "وسط تحفظ عدد من الأعضاء",
          "بناء على توصيات سابقة", "في اجتماع استمر ساعتين", "بالتنسيق مع البلديات", "بعد زيارة ميدانية"]


def _detail(rng: random.Random) -> str:
    """A sentence of many independent choices: articles share few word triples by chance."""
    return (f"و{rng.choice(VERBS)} {rng.choice(SUBJECTS)} {rng.choice(OBJECTS)} {rng.choice(MANNER)}، "
            f"على أن {rng.choice(['تُعرض', 'تُنشر', 'تُستكمل', 'تُراجع'])} النتائج خلال {rng.randint(2, 90)} يوما "
            f"بكلفة تقارب {rng.randint(3, 900)} مليون وبمشاركة {rng.randint(4, 60)} جهة.")


def _article(s: dict, rng: random.Random) -> tuple[str, str]:
    title = f"{s['a']} و{s['b']} يبحثان ملف {s['topic']} في {s['place']} ({rng.randint(1, 999)})"
    lines = [
        f"{s['place']} - التقى {s['a']} مع {s['b']} في {s['place']} يوم {s['day']} الماضي لبحث ملف {s['topic']}.",
        _detail(rng) + " " + _detail(rng),
        f"وقال {s['a']} إن «{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"و{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(MANNER)}».",
        _detail(rng) + " " + _detail(rng),
        f"من جهتها أعلنت {s['org']} أنها ستقدم دعما للبرنامج ابتداء من {rng.randint(1, 28)} من الشهر المقبل.",
        _detail(rng),
        rng.choice([
            f"ويأتي اللقاء بعد أسابيع من زيارة وفد رسمي إلى {rng.choice(PLACES)} لبحث ملفات مماثلة.",
            f"واتهم {s['a']} جهات لم يسمها بعرقلة المشروع خلال العام الماضي.",
            f"وأوضح {s['b']} أن الجانبين اتفقا على تشكيل فريق عمل مشترك يرفع تقريره خلال {rng.randint(2, 9)} أشهر.",
        ]),
    ]
    return title, "\n\n".join(lines)


def _brief(rng: random.Random) -> str:
    team, other = rng.sample(["النادي الأهلي", "نادي الشباب", "نادي الوحدة", "نادي النصر", "نادي الفيصلي"], 2)
    return (f"فوز {team} على {other} بثلاثة أهداف\n\n"
            f"حقق فريق {team} فوزا مستحقا على ضيفه {other} بثلاثة أهداف مقابل هدف في المباراة التي أقيمت "
            f"مساء أمس على ملعب المدينة الرياضية أمام {rng.randint(3, 40)} ألف متفرج. وسجل أهداف الفائز "
            f"لاعبو الوسط في الشوط الثاني بعد تبديلات موفقة من المدرب. ويلتقي الفريق في الجولة المقبلة "
            f"منافسا قويا يسعى بدوره إلى الصدارة. وقال مدرب {other} إن «الفريق قدم شوطا أول جيدا لكنه فقد "
            f"تركيزه بعد الاستراحة».")


def write_corpus(folder: Path, pages: int, seed: int = 11) -> Path:
    """Write `pages` pages as one JSON Lines file (plus a few text pages with chrome) into
    `folder`; return the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    stories = [_story(rng, k) for k in range(max(3, pages // 4))]
    written: list[dict] = []
    with (folder / "news.jsonl").open("w", encoding="utf-8") as out:
        for i in range(pages):
            source = rng.choice(list(SOURCES))
            story = stories[min(len(stories) - 1, int(rng.random() * len(stories)))]
            day = 1 + (story["n"] % 20) + rng.choice([0, 0, 1])
            if written and rng.random() < 0.15:  # another outlet republishes a report, lightly edited
                copy = dict(rng.choice(written))
                text = copy["text"].replace("لبحث", "من أجل بحث", 1)
            else:
                title, text = _article(story, rng)
                copy = {"title": title}
                if rng.random() < 0.1:  # a page holding a second, unrelated article
                    text = f"{text}\n\n\n{_brief(rng)}"
            chrome = SOURCES[source]
            body = "\n".join(chrome[:1]) + ("\n\n" if chrome else "") + copy["title"] + "\n\n" + text \
                + ("\n\n" + "\n".join(chrome[1:]) if chrome else "")
            row = {"id": f"gen-{seed}-{i:05d}", "source": source, "url": f"https://example.org/{source}/{i}",
                   "published": f"2024-05-{day:02d}", "text": body}
            written.append({"title": copy["title"], "text": text})
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return folder
