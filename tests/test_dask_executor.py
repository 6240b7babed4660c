"""The Dask executor: the same store as the local executor, results in order, failures kept."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import test_executor
from conftest import make_article
from rasd.executors import LocalExecutor
from rasd.ingest import ingest
from rasd.readers import read as read_pages
from rasd.settings import Settings
from rasd.store import Store

pytest.importorskip("distributed", reason="the Dask executor is an optional install: pip install 'rasd[dask]'")
import cloudpickle  # noqa: E402  (Dask's own serialiser)

from rasd.executors.dask import DaskExecutor  # noqa: E402

# the workers cannot import the test modules: their steps travel by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])
cloudpickle.register_pickle_by_value(test_executor)

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def dask_executor():
    with DaskExecutor(workers=2) as executor:  # a LocalCluster of two worker processes
        yield executor


def _export(db: Path) -> list[str]:
    store = Store(db, readonly=True)
    try:
        rows = [*store.articles(), *store.entities.all(), *store.stories.stories(), *store.stories.storylines(),
                *store.stories.events(), *store.errors()]
    finally:
        store.close()
    return sorted(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows)


def test_the_sample_corpus_ends_the_same_on_dask_as_on_local_workers(tmp_path: Path, dask_executor) -> None:
    settings = Settings(workers=2)
    with Store(tmp_path / "local.db") as store:
        local = ingest([str(SAMPLES)], store, settings, LocalExecutor(2))
    with Store(tmp_path / "dask.db") as store:
        on_dask = ingest([str(SAMPLES)], store, settings, dask_executor)
    assert on_dask.counts == local.counts and on_dask.counts["articles"] > 10
    assert sorted(f.path for f in on_dask.failures) == sorted(f.path for f in local.failures)  # bad pages reported
    assert _export(tmp_path / "dask.db") == _export(tmp_path / "local.db")


def test_map_returns_results_in_order_and_raises_what_the_function_raises(dask_executor) -> None:
    assert list(dask_executor.map(abs, range(-100, 0))) == list(range(100, 0, -1))
    with pytest.raises(ZeroDivisionError):
        list(dask_executor.map((1).__truediv__, [1, 0, 2]))


class DiesOnce:
    """A parallel step whose worker process dies the first time it runs (a crash, an OOM kill)."""

    name, parallel = "dies-once", True

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def run(self, records):
        import os

        if not self.marker.exists():
            self.marker.write_text("died")
            os._exit(1)
        for record in records:
            record.text = record.text.upper()
            yield record


def test_a_lost_workers_chunk_runs_again_and_nothing_is_lost(tmp_path: Path, dask_executor) -> None:
    pages = [make_article(f"page {i}", page=f"p{i}") for i in range(10)]
    out = list(dask_executor.run([DiesOnce(tmp_path / "marker")], pages))
    assert (tmp_path / "marker").exists()  # a worker did die
    assert [r.page for r in out] == [f"p{i}" for i in range(10)] and not any(r.failed for r in out)
    assert [r.text for r in out] == [f"PAGE {i}" for i in range(10)]


def test_a_large_json_lines_file_read_in_ranges_on_the_workers_gives_the_same_records(
        tmp_path: Path, dask_executor, monkeypatch) -> None:
    import rasd.executors.dask as on_dask

    feed = (SAMPLES / "jsonl" / "feed.jsonl").read_bytes().splitlines(keepends=True)
    lines = []
    for copy in range(6):  # our own sample pages, six times over, renamed; a blank and a bad line between
        for line in feed:
            lines.append(line.replace(b'"id": "', f'"id": "c{copy}-'.encode()) if line.strip() else line)
        lines += [b"\n", b'{"broken": \n']
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"".join(lines) + b'{"id": "last", "text": "\\u0622\\u062e\\u0631 \\u0635\\u0641\\u062d\\u0629"}')
    monkeypatch.setattr(on_dask, "PART_BYTES", 9_000)  # ranges of a few lines, cut mid-line
    assert len(list(dask_executor._parts(read_pages([str(big)])))) > 10
    settings = Settings(workers=2)
    with Store(tmp_path / "local.db") as store:
        local = ingest([str(big)], store, settings, LocalExecutor(2))
    with Store(tmp_path / "dask.db") as store:
        ranged = ingest([str(big)], store, settings, dask_executor)
    assert ranged.counts == local.counts
    assert [f.path for f in ranged.failures] == [f.path for f in local.failures]  # the same line numbers
    assert _export(tmp_path / "dask.db") == _export(tmp_path / "local.db")


def test_a_page_over_its_time_budget_is_failed_on_dask_too(dask_executor, monkeypatch) -> None:
    monkeypatch.setattr(dask_executor, "budget", 0.5)
    pages = [make_article(t, page=f"p{i}") for i, t in enumerate(["a", "stall here", "c"])]
    out = list(dask_executor.run([test_executor.Stuck()], pages))
    assert [r.page for r in out] == ["p0", "p1", "p2"]
    [slow] = [r for r in out if r.failed]
    assert slow.page == "p1" and "took longer than the 0.5 s" in slow.error
