"""Runs a pipeline's parallel steps on a Dask cluster (`dask.distributed`), the rest here.

    with DaskExecutor(workers=2) as executor:                   # a LocalCluster on this machine
        ingest(paths, store, settings, executor)
    with DaskExecutor(scheduler="tcp://10.0.0.5:8786") as ex:   # an existing cluster

The same contract as `LocalExecutor`: records come out in input order, so the sequential
steps (duplicates, entity ids, story assignment, writes) see the same stream whichever
executor ran the parallel ones, and the store ends the same. The parallel steps are sent to
the workers once (scattered) and chunks of records after them; a few chunks per worker are in
flight, so memory stays flat. Pages are read on the workers (the files must be where they can
read them, e.g. a shared file system): each file, and each range of about `PART_BYTES` of a
large uncompressed JSON Lines file, is one task that reads (decodes, parses, checks) it; JSON
Lines on stdin is read here. Ingest's first steps need the store (pages already stored, the
site's repeated lines), so the pages come back here before the parallel steps take them out
again: keeping page text off the client needs those checks moved to the workers (issue 14).
A lost worker's tasks are resubmitted by Dask (`retries`); a chunk whose task fails all the
same is taken page by page, and a page that still fails is a failed record with the reason.
The per-page time budget is kept on the worker threads by an exception raised into the
thread (see `_isolated`): it stops Python code, not a routine stuck in C.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from rasd.executors.local import _chain, _groups, _isolated, _map_chunk
from rasd.readers.base import failed
from rasd.readers.dispatch import Pages
from rasd.readers.jsonl import count_lines, line_start
from rasd.record import Article
from rasd.step import R, Step, T

RETRIES = 2  # times Dask resubmits a chunk whose worker was lost
PART_BYTES = 8 * 2**20  # a JSON Lines file larger than this is read in ranges of about this size
MAX_BATCH = 256  # files read by one task at most (small files are batched up to PART_BYTES)


def _run_group(group: Sequence[Step], chunk: list[Article], budget: float = 0.0) -> list[Article]:
    return list(_isolated(group, chunk, budget))


Part = Article | tuple[str, int, int | None, int]  # a failed entry, or (file, start, end, first line)


def _read_parts(group: Sequence[Step], pages: Pages, batch: list[Part], budget: float = 0.0) -> list[Article]:
    records = (r for part in batch for r in ([part] if isinstance(part, Article) else pages.read_part(*part)))
    return list(_isolated(group, records, budget))


def _batches(parts: Iterable[Part]) -> Iterator[list[Part]]:
    """Parts grouped into tasks of about `PART_BYTES` of input: one task a page costs more in
    scheduling than the page costs to read (8.5k small files: 2.2x the local time)."""
    batch: list[Part] = []
    size = 0
    for part in parts:
        if isinstance(part, tuple):
            size += part[2] - part[1] if part[2] is not None else _size(part[0])
        batch.append(part)
        if size >= PART_BYTES or len(batch) >= MAX_BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


class DaskExecutor:
    def __init__(self, workers: int = 2, scheduler: str | None = None, chunk_size: int = 32,
                 chunks_per_worker: int = 4, page_time_budget: float = 0.0) -> None:
        from distributed import Client, LocalCluster  # only when asked for: Dask is an optional install

        if scheduler:
            self.cluster, self.client = None, Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))
        self.chunk_size = chunk_size
        self.budget = page_time_budget
        self.in_flight = self.workers * chunks_per_worker

    @property
    def address(self) -> str:
        return self.client.scheduler.address

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def run(self, steps: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]:
        groups = _groups(steps)
        stream: Iterable[Article] = records
        if isinstance(records, Pages) and not records.from_stdin:
            fused = groups[0] if groups and groups[0][0].parallel else []  # read and run them in one task
            stream, groups = self._read_on_workers(fused, records), groups[1 if fused else 0:]
        for group in groups:
            stream = self._on_workers(group, stream) if group[0].parallel else _chain(group, stream)
        return iter(stream)

    def _read_on_workers(self, group: Sequence[Step], pages: Pages) -> Iterator[Article]:
        """Each file, or range of a large JSON Lines file, read on a worker (and taken through
        `group`, the parallel steps that come first, if any): the client lists the files and
        gathers the records, in order."""
        [steps] = self.client.scatter([list(group)], broadcast=True)
        [reader] = self.client.scatter([pages], broadcast=True)
        for [batch], future in self._in_order(_batches(self._parts(pages)),
                                              lambda batch: (_read_parts, steps, reader, batch[0], self.budget),
                                              chunk_size=1):
            try:
                yield from future.result()
            except Exception as exc:  # noqa: BLE001 - the batch's task failed on every try
                for part in batch:
                    yield failed(part[0] if isinstance(part, tuple) else part.path,
                                 f"could not read this file on a Dask worker ({type(exc).__name__}: {exc})")

    def _parts(self, pages: Pages) -> Iterator[Part]:
        for entry in pages.files():
            if isinstance(entry, Article):
                yield entry
            elif entry.lower().endswith((".jsonl", ".ndjson")) and (size := _size(entry)) > PART_BYTES:
                yield from self._ranges(entry, size)
            else:
                yield (entry, 0, None, 1)

    def _ranges(self, path: str, size: int) -> Iterator[tuple[str, int, int, int]]:
        """A large JSON Lines file in ranges of whole lines, with the number of each range's
        first line: line starts and line counts are found by the workers, not read here."""
        starts = self.client.gather(self.client.map(line_start, [path] * -(-size // PART_BYTES),
                                                    range(0, size, PART_BYTES), pure=False))
        bounds = sorted(set(starts)) + [size]
        spans = [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]
        counts = self.client.gather([self.client.submit(count_lines, path, a, b, pure=False) for a, b in spans])
        first = 1
        for (a, b), n in zip(spans, counts):
            yield (path, a, b, first)
            first += n

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`function` (pure, picklable) over `items` on the workers, results in order; an
        exception in `function` is raised here, as with `LocalExecutor.map`."""
        for _, future in self._in_order(items, lambda chunk: (_map_chunk, function, chunk)):
            yield from future.result()

    def _on_workers(self, group: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]:
        [steps] = self.client.scatter([list(group)], broadcast=True)  # sent once, not with every chunk
        for chunk, future in self._in_order(records, lambda chunk: (_run_group, steps, chunk, self.budget)):
            try:
                yield from future.result()
            except Exception:  # noqa: BLE001 - the chunk's task failed on every try
                yield from self._page_by_page(steps, chunk)

    def _in_order(self, items: Iterable[Any], task: Callable[[list[Any]], tuple],
                  chunk_size: int | None = None) -> Iterator[tuple[list[Any], Any]]:
        it = iter(items)
        pending: deque[tuple[list[Any], Any]] = deque()
        while True:
            while len(pending) < self.in_flight and (chunk := list(islice(it, chunk_size or self.chunk_size))):
                function, *args = task(chunk)
                pending.append((chunk, self.client.submit(function, *args, pure=False, retries=RETRIES)))
            if not pending:
                return
            yield pending.popleft()

    def _page_by_page(self, steps: Any, chunk: list[Article]) -> Iterator[Article]:
        for page in chunk:
            try:
                yield from self.client.submit(_run_group, steps, [page], self.budget, pure=False).result()
            except Exception as exc:  # noqa: BLE001 - this page's task failed: it alone is lost
                yield page.fail(f"could not process this page on a Dask worker ({type(exc).__name__}: {exc})")
