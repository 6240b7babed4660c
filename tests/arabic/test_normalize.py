from rasd.arabic import arabic_ratio, normalize, words


def test_folds_spelling_variants():
    assert normalize("الأمريكي") == normalize("الامريكي") == "الامريكي"
    assert normalize("أحمد") == normalize("احمد") == normalize("إحمد")
    assert normalize("إلى مدرسةٍ") == "الي مدرسه"
    assert normalize("آذار") == "اذار"
    assert normalize("مسؤول") == normalize("مسوول")


def test_removes_diacritics_and_tatweel():
    assert normalize("الرَّئِيسُ") == "الرييس"  # hamza on yaa folds to yaa
    assert normalize("مـــصـــر") == "مصر"


def test_digits_and_quotes():
    assert normalize("عام ٢٠١٩") == "عام 2019"
    assert normalize("عام ۲۰۱۹") == "عام 2019"
    assert normalize("«نعم» “لا”") == '"نعم" "لا"'


def test_words_drop_punctuation_and_fold():
    assert words("وقال: «لا»، الأمريكيُّ!") == ["وقال", "لا", "الامريكي"]


def test_arabic_ratio():
    assert arabic_ratio("TT") == 0.0
    assert arabic_ratio("") == 0.0
    assert arabic_ratio("قال الوزير") == 1.0
    assert 0.4 < arabic_ratio("قال AFP") < 0.7
