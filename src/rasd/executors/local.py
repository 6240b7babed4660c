"""Runs a pipeline on this machine: in-process, or with worker processes for parallel steps.

Consecutive `parallel` steps are sent to a process pool in chunks; results come back in
input order, and at most a few chunks per worker are in flight, so memory stays flat
however large the input is. Other steps run in this process, in order.

Each page has a time budget in the parallel steps: a page that exceeds it is failed with
that reason and the run goes on. Workers die with their parent, even one killed with SIGKILL.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from itertools import islice

from rasd.record import Article
from rasd.step import R, Step, T

_worker_steps: Sequence[Step] = ()  # set in each worker process by _init_worker
_worker_budget: float = 0.0
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class PageTimeout(Exception):
    pass


def _init_worker(steps: Sequence[Step], budget: float) -> None:
    global _worker_steps, _worker_budget
    _worker_steps, _worker_budget = steps, budget
    _die_with_parent(os.getppid())


def _die_with_parent(parent: int) -> None:
    """A worker of a parent killed with SIGKILL would live on, holding its memory: the kernel
    kills it with its parent (Linux), elsewhere a thread notices the parent has gone."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the kernel was told
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _map_chunk(function: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [function(item) for item in chunk]


def _run_chunk(chunk: list[Article]) -> list[Article]:
    return list(_isolated(_worker_steps, chunk, _worker_budget))


def _chain(steps: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]:
    for step in steps:
        records = step.run(records)
    return iter(records)


def _isolated(steps: Sequence[Step], records: Iterable[Article], budget: float = 0.0) -> Iterator[Article]:
    """Each page through the parallel steps on its own: a page that makes a step fail, or
    spends more than `budget` seconds in them, becomes a failed record with the reason, and
    every other page goes on. The budget is kept with SIGALRM on a main thread, and with an
    exception raised into the thread from a timer elsewhere (Dask's workers run tasks on
    threads); either reaches Python code only, not a routine stuck in C."""
    timed = budget > 0 and threading.current_thread() is threading.main_thread()
    deadline = _ThreadDeadline(budget) if budget > 0 and not timed else nullcontext()
    previous = signal.signal(signal.SIGALRM, _out_of_time) if timed else None
    try:
        for record in records:
            try:
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, budget)
                try:
                    with deadline:
                        done = list(_chain(steps, [record]))
                finally:
                    if timed:
                        signal.setitimer(signal.ITIMER_REAL, 0)
            except PageTimeout:
                yield record.fail(f"took longer than the {budget:g} s a page may take (page_time_budget)")
            except RecursionError:
                yield record.fail("too deeply nested to process")
            except MemoryError:
                yield record.fail("too large to process in memory")
            except Exception as exc:  # noqa: BLE001 - any bug on one page must not stop the run
                yield record.fail(f"could not process this page ({type(exc).__name__}: {exc})")
            else:
                yield from done
    finally:
        if timed:
            signal.signal(signal.SIGALRM, previous)


def _out_of_time(signum: int, frame: object) -> None:
    raise PageTimeout


class _ThreadDeadline:
    """Raises PageTimeout in the thread that entered it once `seconds` have passed, from a timer
    thread (CPython's PyThreadState_SetAsyncExc); a timeout that fired but was not delivered
    before the page finished is taken back, so it never lands in the next page."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.lock = threading.Lock()

    def __enter__(self) -> None:
        self.thread, self.armed, self.fired = threading.get_ident(), True, False
        self.timer = threading.Timer(self.seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self) -> None:
        with self.lock:
            if self.armed:
                self.fired = True
                _set_async_exc(self.thread, PageTimeout)

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self.timer.cancel()
        with self.lock:
            self.armed = False
            if self.fired and kind is None:
                _set_async_exc(self.thread, None)


def _set_async_exc(thread: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc else None)


class LocalExecutor:
    def __init__(self, workers: int = 1, chunk_size: int = 32, chunks_per_worker: int = 4,
                 page_time_budget: float = 0.0, slack: float = 30.0) -> None:
        self.workers = max(1, workers)
        self.budget = page_time_budget
        self.slack = slack  # seconds on top of the budgets before a worker is taken for stuck
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
                stream = _isolated(group, stream, self.budget)
        return iter(stream)

    def _in_pool(self, group: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]:
        it = iter(records)
        pool = self._pool(group)
        pending: deque[tuple[list[Article], Future[list[Article]]]] = deque()
        try:
            while True:
                while len(pending) < self.in_flight and (chunk := list(islice(it, self.chunk_size))):
                    pending.append((chunk, pool.submit(_run_chunk, chunk)))
                if not pending:
                    return
                chunk, future = pending.popleft()
                try:
                    done = future.result(timeout=self._deadline(len(chunk)))
                except (FuturesTimeout, BrokenProcessPool):
                    # A page stuck where the alarm cannot reach (inside C code), or one that
                    # killed its worker: start the workers afresh and take this chunk page by page.
                    pool = self._restart(pool, group)
                    done, pool = self._page_by_page(pool, group, chunk)
                    pending = deque((c, pool.submit(_run_chunk, c)) for c, _ in pending)
                yield from done
        finally:
            _stop(pool)

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`function` (pure, picklable) over `items`, results in order; in worker processes
        when there are several, with a few chunks per worker in flight. An exception in
        `function` is raised here: the caller decides what one bad item means."""
        if self.workers == 1:
            yield from map(function, items)
            return
        it = iter(items)
        pool = ProcessPoolExecutor(self.workers, initializer=_die_with_parent, initargs=(os.getpid(),))
        pending: deque[Future[list[R]]] = deque()
        try:
            while True:
                while len(pending) < self.in_flight and (chunk := list(islice(it, self.chunk_size))):
                    pending.append(pool.submit(_map_chunk, function, chunk))
                if not pending:
                    return
                yield from pending.popleft().result()
        finally:
            _stop(pool, kill=True)

    def _pool(self, group: Sequence[Step]) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(group, self.budget))

    def _restart(self, pool: ProcessPoolExecutor, group: Sequence[Step]) -> ProcessPoolExecutor:
        _stop(pool, kill=True)
        return self._pool(group)

    def _deadline(self, pages: int) -> float | None:
        """How long a chunk may take before its worker is taken for stuck: every page's budget,
        and slack for a loaded machine (the alarm in the worker normally fires long before)."""
        return pages * self.budget * 2 + self.slack if self.budget > 0 else None

    def _page_by_page(self, pool: ProcessPoolExecutor, group: Sequence[Step],
                      chunk: list[Article]) -> tuple[list[Article], ProcessPoolExecutor]:
        done: list[Article] = []
        for page in chunk:
            try:
                done += pool.submit(_run_chunk, [page]).result(timeout=self._deadline(1))
            except FuturesTimeout:
                done.append(page.fail(f"took longer than the {self.budget:g} s a page may take (page_time_budget)"))
                pool = self._restart(pool, group)
            except BrokenProcessPool:
                done.append(page.fail("processing this page killed its worker process (out of memory or a crash)"))
                pool = self._restart(pool, group)
        return done, pool


def _stop(pool: ProcessPoolExecutor, kill: bool = False) -> None:
    """Shut the pool down; with `kill`, its workers first (a stuck one never returns).
    concurrent.futures has no public way to kill workers before Python 3.14."""
    if kill:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
    pool.shutdown(wait=not kill, cancel_futures=True)


def _groups(steps: Sequence[Step]) -> list[list[Step]]:
    """Split steps into runs of equal `parallel`."""
    groups: list[list[Step]] = []
    for step in steps:
        if groups and groups[-1][0].parallel == step.parallel:
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups
