"""`rasd.ingest.ingest`: one run, its report, and the same counts in the store's runs table."""

import json

from conftest import SAMPLES
from rasd.ingest import IngestReport, ingest
from rasd.settings import Settings
from rasd.store import Store


def test_ingest_reports_counts_failures_and_run(db):
    seen = []
    with Store(db) as store:
        report = ingest([str(SAMPLES / "text")], store, Settings(workers=1), progress=seen.append)
        again = ingest([str(SAMPLES / "text")], store, Settings(workers=1))
    assert isinstance(report, IngestReport) and report.seconds > 0
    assert report.counts["pages"] > 0 and report.counts["stories_made"] > 0
    assert len(seen) == report.counts["articles"] + report.counts["errors"]
    assert [r.error for r in report.failures] == [r.error for r in seen if r.failed]
    assert again.counts["pages"] == 0 and again.counts["pages_skipped"] == report.counts["pages"]
    with Store(db, readonly=True) as store:
        rows = dict(store.db.execute("SELECT id, counts FROM runs").fetchall())
    assert json.loads(rows[report.run_id]) == dict(report.counts)
    assert again.run_id != report.run_id
