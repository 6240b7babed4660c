import pytest

from conftest import make_article
from rasd.dedup import Fingerprinter
from rasd.record import Article
from rasd.settings import Settings


def test_settings_from_file_then_overrides(tmp_path):
    path = tmp_path / "rasd.toml"
    path.write_text("[rasd]\nbatch_size = 7\njaccard_threshold = 0.55\n")
    settings = Settings.load(path, batch_size=9, workers=None)
    assert settings.batch_size == 9 and settings.jaccard_threshold == 0.55
    assert settings.workers == Settings().workers  # None leaves the default


def test_unknown_setting_is_refused(tmp_path):
    path = tmp_path / "rasd.toml"
    path.write_text("[rasd]\nbatch_sise = 7\n")
    with pytest.raises(ValueError, match="batch_sise"):
        Settings.load(path)


def test_record_round_trips_through_a_dict():
    article = make_article("أعلنت الوزارة فتح باب التسجيل في البرنامج الجديد للطلاب المتفوقين.", meta={"warnings": ["x"]})
    [article] = list(Fingerprinter(Settings()).run([article]))
    again = Article.from_dict(article.to_dict())
    assert again == article
    assert again.fingerprint.minhash == article.fingerprint.minhash
