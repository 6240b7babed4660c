"""The SQLite store implements every protocol of rasd.store.base, name for name."""

import inspect

import pytest

from rasd.store import Store
from rasd.store import base


@pytest.mark.parametrize("protocol, part", [
    (base.ArticleStore, None), (base.DedupIndex, None), (base.EntityStore, "entities"),
    (base.StoryStore, "stories"), (base.SearchIndex, "search"), (base.ChromeStore, "chrome"),
])
def test_sqlite_store_implements_the_protocols(db, protocol, part):
    store = Store(db)
    try:
        obj = getattr(store, part) if part else store
        for name, method in vars(protocol).items():
            if name.startswith("_") or not callable(method):
                continue
            wanted = list(inspect.signature(method).parameters)[1:]
            assert list(inspect.signature(getattr(obj, name)).parameters) == wanted, name
    finally:
        store.close()
