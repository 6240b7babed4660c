"""The store: what Rasd asks of it (base.py, Protocols), the SQLite backend that implements
it (sqlite/), and the writer stage that ends an ingest (writer.py)."""

from rasd.store.sqlite import Store
from rasd.store.writer import StoreWriter

__all__ = ["Store", "StoreWriter"]
