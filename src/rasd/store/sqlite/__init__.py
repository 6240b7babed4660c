"""The SQLite backend: one file (WAL mode), schema versioned by the numbered scripts in
migrations/. `Store` (store.py) holds the connection, the articles and the dedup index, and
the other parts' tables beside them: entities.py, stories.py, search.py (FTS5), chrome.py."""

from rasd.store.sqlite.store import SCHEMA_VERSION, Store, store_problem

__all__ = ["SCHEMA_VERSION", "Store", "store_problem"]
