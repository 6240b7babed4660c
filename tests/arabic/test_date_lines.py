from datetime import date

import pytest

from rasd.arabic.dates import date_line, find_date


@pytest.mark.parametrize(
    "line, expected",
    [
        ("24/05/2019", date(2019, 5, 24)),
        ("٢٤/٠٥/٢٠١٩", date(2019, 5, 24)),
        ("2021-06-16", date(2021, 6, 16)),
        ("الجمعة 24 مايو 2019", date(2019, 5, 24)),
        ("الخميس 12 آذار 2020 - 10:30 ص", date(2020, 3, 12)),
        ("نشر في: 3 تشرين الأول 2022", date(2022, 10, 3)),
        ("آخر تحديث: 05/11/2023 | 14:20", date(2023, 11, 5)),
        ("7 جوان 2024", date(2024, 6, 7)),
    ],
)
def test_date_alone_on_a_line(line, expected):
    assert date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "وقال الوزير في 24 مايو 2019 إن المفاوضات مستمرة",  # a date inside a sentence
        "31/02/2020",  # no such day
        "عدد الضحايا 12",
        "الجمعة",
    ],
)
def test_not_a_date_line(line):
    assert date_line(line) is None


def test_find_date_inside_text():
    assert find_date("وقال الوزير في 24 مايو 2019 إن المفاوضات مستمرة") == date(2019, 5, 24)
    assert find_date("لا تاريخ هنا") is None
