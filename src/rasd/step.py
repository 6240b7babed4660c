"""The interface every stage implements, and what a step or an executor may declare besides."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

from rasd.record import Article

T = TypeVar("T")
R = TypeVar("R")


class Step(Protocol):
    """A stage: records in, records out, lazily. `parallel` steps hold no shared state and
    may run in worker processes; the others read or write the store, in one process."""

    name: str
    parallel: bool

    def run(self, records: Iterable[Article]) -> Iterator[Article]: ...


class Executor(Protocol):
    """Where steps run (rasd.executors): the records out of `steps`, in order; and any
    pure function over items (a finishing step's work), results in order."""

    def run(self, steps: Sequence[Step], records: Iterable[Article]) -> Iterator[Article]: ...

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...
