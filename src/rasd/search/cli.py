"""The body of `rasd search`: lines to print, so that cli.py only wires options."""

from __future__ import annotations

import json
from collections.abc import Iterator


def cli_lines(store, query: str, *, since: str | None = None, until: str | None = None, source: str | None = None,
              entity: str | None = None, limit: int = 20, offset: int = 0, as_json: bool = False,
              include_duplicates: bool = False) -> Iterator[str]:
    """Result lines: JSON Lines with `as_json`, else a date, source and title line per
    article with its snippet under it, matches in [brackets], then a count line.
    `entity` is a name in any spelling. Raises ValueError for bad parameters."""
    from rasd.search.engine import search

    ids = store.entities.ids_for(entity) if entity else None
    result = search(store, query, since=since, until=until, source=source, entity_id=ids, limit=limit,
                    offset=offset, include_duplicates=include_duplicates)
    for row in result["results"]:
        if as_json:
            yield json.dumps(row, ensure_ascii=False)
            continue
        yield f"{row['published'] or '????-??-??'}  {row['source'] or '-'}  {row['title'] or '(untitled)'}  [{row['score']:.2f}]"
        yield "    " + "".join(f"[{s['text']}]" if s["match"] else s["text"] for s in row["snippet"]).replace("\n", " ")
    if not as_json:
        shown = len(result["results"])
        span = f", {offset + 1}-{offset + shown} shown" if shown else ""
        some = result["total"] - result["matched_all"]
        rest = f" ({result['matched_all']} with every word, then {some} with some)" if some else ""
        yield f"{result['total']} articles{rest}{span}"
