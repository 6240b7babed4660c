"""The library's entry point: `ingest(paths, store, settings)` runs one ingest and reports it.

    from rasd.ingest import ingest
    from rasd.store import Store

    with Store("rasd.db") as store:
        report = ingest(["pages/"], store, Settings())
    report.counts["articles"], report.failures

The run's steps and its finishing steps come from `rasd.pipeline`; where the steps run is
the executor's business (a `LocalExecutor` unless one is given). Counts go into the report as
the run goes: the steps that count what they do (pages skipped, written, failed) are given the
report's Counter, and each finishing step returns its own. The caller opens and closes the
store, so errors opening it are the caller's to report.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rasd.executors import LocalExecutor
from rasd.pipeline import finishing_steps, ingest_steps
from rasd.readers import read
from rasd.readers.base import shown
from rasd.record import Article
from rasd.settings import Settings
from rasd.step import Executor
from rasd.store.base import Backend


@dataclass(slots=True)
class IngestReport:
    """What one run did: counts by name (pages, articles, duplicates, pages_skipped,
    errors, stories_made, events), the failed records with their reasons, its run id in
    the store and how long it took."""

    run_id: int
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[Article] = field(default_factory=list)
    seconds: float = 0.0


def ingest(paths: Sequence[str], store: Backend, settings: Settings, executor: Executor | None = None, *,
           source: str | None = None, published: str | None = None,
           progress: Callable[[Article], None] | None = None) -> IngestReport:
    """Read `paths` into `store`, then finish the stories the run changed. `source` and
    `published` stand for pages that give none; `progress` is called with each record the
    run writes (or fails)."""
    started = time.monotonic()
    report = IngestReport(store.start_run([shown(p) for p in paths]))
    executor = executor or LocalExecutor(settings.workers, page_time_budget=settings.page_time_budget)
    steps = ingest_steps(store, settings, report.counts)
    for record in executor.run(steps, read(paths, source=source, published=published, settings=settings)):
        if record.failed:
            report.failures.append(record)
        if progress:
            progress(record)
    for finish in finishing_steps(store, settings):
        report.counts.update(finish(executor))
    store.finish_run(report.run_id, dict(report.counts))
    report.seconds = time.monotonic() - started
    return report
