"""Runs a pipeline on this machine: in-process, or with worker processes for parallel steps.

Consecutive `parallel` steps are sent to a process pool in chunks; results come back in
input order, and at most a few chunks per worker are in flight, so memory stays flat
however large the input is. Other steps run in this process, in order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from rasd.record import Article
from rasd.step import Step

_worker_steps: Sequence[Step] = ()  # set in each worker process by _init_worker


def _init_worker(steps: Sequence[Step]) -> None:
    global _worker_steps
    _worker_steps = steps


def _run_chunk(chunk: list[Article]) -> list[Article]:
    return list(_isolated(_worker_steps, chunk))


def _chain(steps: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]:
    for step in steps:
        records = step.run(records)
    return iter(records)


def _isolated(steps: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]:
    """Each page through the parallel steps on its own: a page that makes a step fail
    becomes a failed record with the reason, and every other page goes on."""
    for record in records:
        try:
            yield from list(_chain(steps, [record]))
        except Exception as exc:  # noqa: BLE001 - any bug on one page must not stop the run
            yield record.fail(f"could not process this page ({type(exc).__name__}: {exc})")


class LocalExecutor:
    def __init__(self, workers: int = 1, chunk_size: int = 32, chunks_per_worker: int = 4) -> None:
        self.workers = max(1, workers)
        self.chunk_size = chunk_size
        self.in_flight = self.workers * chunks_per_worker

    def run(self, steps: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]:
        stream: Iterable[Article] = records
        for group in _groups(steps):
            if not group[0].parallel:
                stream = _chain(group, stream)
            elif self.workers > 1:
                stream = self._in_pool(group, stream)
            else:
                stream = _isolated(group, stream)
        return iter(stream)

    def _in_pool(self, group: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]:
        it = iter(records)
        with ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(group,)) as pool:
            pending: deque[Future[list[Article]]] = deque()
            while True:
                while len(pending) < self.in_flight and (chunk := list(islice(it, self.chunk_size))):
                    pending.append(pool.submit(_run_chunk, chunk))
                if not pending:
                    return
                yield from pending.popleft().result()


def _groups(steps: Sequence[Step]) -> list[list[Step]]:
    """Split steps into runs of equal `parallel`."""
    groups: list[list[Step]] = []
    for step in steps:
        if groups and groups[-1][0].parallel == step.parallel:
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups
