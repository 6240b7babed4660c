"""Full-text search over the store's articles, Arabic-aware: an FTS5 index of normalised, clitic-free
words (tokens.py, index.py), queries read into terms and entity spellings (query.py), BM25
ranking, filters and snippets (engine.py, snippet.py), entity statistics (mentions.py).

    from rasd.search import search
    search(store, "ترمب بوتين", since="2018-01-01", limit=20)
"""

from rasd.search.cli import cli_lines
from rasd.search.engine import explain, search
from rasd.search.mentions import cooccurring, mentions_over_time

__all__ = ["search", "explain", "mentions_over_time", "cooccurring", "cli_lines"]
