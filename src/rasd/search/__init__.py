"""Full-text search over the store's articles, Arabic-aware: the index's token streams of normalised,
clitic-free words (rasd.arabic.tokens, made by the index.py step), queries read into a plan of
terms and entity spellings (query.py) that the store's search index answers, filters and
snippets (engine.py, snippet.py), entity statistics (mentions.py).

    from rasd.search import search
    search(store, "ترمب بوتين", since="2018-01-01", limit=20)
"""

from rasd.search.cli import cli_lines
from rasd.search.engine import explain, search
from rasd.search.mentions import cooccurring, mentions_over_time

__all__ = ["search", "explain", "mentions_over_time", "cooccurring", "cli_lines"]
