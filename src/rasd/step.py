"""The one interface every stage implements."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from rasd.record import Article


class Step(Protocol):
    """A stage: records in, records out, lazily. `parallel` steps hold no shared state and
    may run in worker processes; the others read or write the store, in one process."""

    name: str
    parallel: bool

    def run(self, records: Iterable[Article]) -> Iterator[Article]: ...
