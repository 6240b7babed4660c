"""The embedded store: one SQLite file (WAL mode), schema versioned by migrations."""

from rasd.store.sqlite import Store
from rasd.store.writer import StoreWriter

__all__ = ["Store", "StoreWriter"]
