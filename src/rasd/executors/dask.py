"""Runs a pipeline's parallel steps on a Dask cluster (`dask.distributed`), the rest here.

    with DaskExecutor(workers=2) as executor:                   # a LocalCluster on this machine
        ingest(paths, store, settings, executor)
    with DaskExecutor(scheduler="tcp://10.0.0.5:8786") as ex:   # an existing cluster

The same contract as `LocalExecutor`: records come out in input order, so the sequential
steps (duplicates, entity ids, story assignment, writes) see the same stream whichever
executor ran the parallel ones, and the store ends the same. The parallel steps are sent to
the workers once (scattered) and chunks of records after them; a few chunks per worker are in
flight, so memory stays flat. A lost worker's chunks are resubmitted by Dask (`retries`); a
chunk whose task fails all the same is taken page by page, and a page that still fails is a
failed record with the reason. Pages are still read here (where the store is); reading them on
the workers is the next step of issue 14. The per-page time budget needs SIGALRM on a main
thread, which Dask's worker threads are not: on Dask it is not enforced.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from rasd.executors.local import _chain, _groups, _isolated, _map_chunk
from rasd.record import Article
from rasd.step import R, Step, T

RETRIES = 2  # times Dask resubmits a chunk whose worker was lost


def _run_group(group: Sequence[Step], chunk: list[Article]) -> list[Article]:
    return list(_isolated(group, chunk))


class DaskExecutor:
    def __init__(self, workers: int = 2, scheduler: str | None = None, chunk_size: int = 32,
                 chunks_per_worker: int = 4) -> None:
        from distributed import Client, LocalCluster  # only when asked for: Dask is an optional install

        if scheduler:
            self.cluster, self.client = None, Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))
        self.chunk_size = chunk_size
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
        stream: Iterable[Article] = records
        for group in _groups(steps):
            stream = self._on_workers(group, stream) if group[0].parallel else _chain(group, stream)
        return iter(stream)

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`function` (pure, picklable) over `items` on the workers, results in order; an
        exception in `function` is raised here, as with `LocalExecutor.map`."""
        for _, future in self._in_order(items, lambda chunk: (_map_chunk, function, chunk)):
            yield from future.result()

    def _on_workers(self, group: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]:
        [steps] = self.client.scatter([list(group)], broadcast=True)  # sent once, not with every chunk
        for chunk, future in self._in_order(records, lambda chunk: (_run_group, steps, chunk)):
            try:
                yield from future.result()
            except Exception:  # noqa: BLE001 - the chunk's task failed on every try
                yield from self._page_by_page(steps, chunk)

    def _in_order(self, items: Iterable[Any], task: Callable[[list[Any]], tuple]) -> Iterator[tuple[list[Any], Any]]:
        it = iter(items)
        pending: deque[tuple[list[Any], Any]] = deque()
        while True:
            while len(pending) < self.in_flight and (chunk := list(islice(it, self.chunk_size))):
                function, *args = task(chunk)
                pending.append((chunk, self.client.submit(function, *args, pure=False, retries=RETRIES)))
            if not pending:
                return
            yield pending.popleft()

    def _page_by_page(self, steps: Any, chunk: list[Article]) -> Iterator[Article]:
        for page in chunk:
            try:
                yield from self.client.submit(_run_group, steps, [page], pure=False).result()
            except Exception as exc:  # noqa: BLE001 - this page's task failed: it alone is lost
                yield page.fail(f"could not process this page on a Dask worker ({type(exc).__name__}: {exc})")
