import sqlite3

import pytest

from conftest import make_article
from rasd.clean import Segmenter
from rasd.dedup import Deduplicator, Fingerprinter
from rasd.executors import LocalExecutor
from rasd.settings import Settings
from rasd.store import Store, StoreWriter
from rasd.store.sqlite import SCHEMA_VERSION
from rasd.store.writer import SkipStored

BODY = (
    "أعلنت وزارة الصحة إطلاق حملة تطعيم وطنية ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع المحافظات. "
    "وقال وكيل الوزارة في مؤتمر صحفي إن الحملة ستستمر ثلاثة أسابيع وستشارك فيها فرق متنقلة تصل إلى القرى النائية. "
    "وأضاف أن الوزارة وفرت أكثر من مليوني جرعة بدعم من منظمات دولية، داعياً الأهالي إلى التعاون مع الفرق الطبية."
)


def pages(n: int = 3) -> list:
    return [make_article(f"خبر رقم {i}\n\n{BODY} وهذا الخبر رقم {i} وموضوعه مختلف تماماً عن غيره من الأخبار {'كلمة ' * i}.",
                         page=f"p{i}") for i in range(n)]


def ingest(store: Store, records, settings: Settings = Settings(batch_size=2)):
    steps = [SkipStored(store), Segmenter(), Fingerprinter(settings), Deduplicator(store, settings), StoreWriter(store, settings)]
    out = list(LocalExecutor().run(steps, records))
    return out, steps


def test_schema_is_migrated_and_in_wal_mode(db):
    store = Store(db)
    assert store.schema_version == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    Store(db).close()  # opening again migrates nothing and keeps the data


def test_newer_schema_is_refused(db):
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(RuntimeError, match="schema version"):
        Store(db)


def test_reingest_adds_nothing(db):
    store = Store(db)
    ingest(store, pages())
    before = store.stats()
    out, steps = ingest(store, pages())
    assert out == []
    assert steps[0].counts["pages_skipped"] == 3
    assert store.stats() == before
    assert before["pages"] == 3 and before["articles"] == 3


def test_same_page_twice_in_one_run_is_stored_once(db):
    store = Store(db)
    records = pages(1)
    _, steps = ingest(store, records + pages(1))
    assert store.stats()["pages"] == 1
    assert sum(step.counts["pages_skipped"] for step in (steps[0], steps[-1])) == 1


def test_same_page_twice_reaching_the_writer_is_stored_once(db):
    """In worker mode both copies pass the early skip before either is written."""
    store = Store(db)
    settings = Settings()
    steps = [Segmenter(), Fingerprinter(settings), Deduplicator(store, settings), StoreWriter(store)]
    list(LocalExecutor().run(steps, pages(1) + pages(1)))
    assert store.stats()["pages"] == 1 and store.stats()["articles"] == 1
    assert steps[-1].counts["pages_skipped"] == 1


def test_errors_are_stored_with_path_and_reason_and_cleared_when_fixed(db):
    store = Store(db)
    broken = make_article("", page="bad", path="in/bad.txt").fail("empty page")
    ingest(store, [broken] + pages(2))
    assert list(store.errors()) == [{"kind": "error", "page": "bad", "path": "in/bad.txt", "reason": "empty page"}]
    assert store.stats()["articles"] == 2
    ingest(store, [broken])  # failing again does not add a second row
    assert store.stats()["errors"] == 1


def test_exact_duplicate_knows_its_sources(db):
    store = Store(db)
    original = pages(1)[0]
    copy = make_article(original.text, page="copy", path="other/copy.txt")
    copy.page_key = "different-page-same-text"
    ingest(store, [original, copy])
    rows = list(store.articles())
    assert rows[1]["duplicate_of"] == rows[0]["id"]
    assert rows[0]["sources"] == ["p0", "copy"]
    assert rows[1]["sources"] == ["copy"]


def test_a_failure_mid_batch_rolls_back_the_open_batch(db):
    store = Store(db)

    def exploding():
        yield from pages(3)
        raise OSError("disk gone")

    with pytest.raises(OSError):
        ingest(store, exploding(), Settings(batch_size=2))
    # pages 0 and 1 were committed as one batch; page 2 was in the open batch
    assert Store(db).stats()["pages"] == 2
