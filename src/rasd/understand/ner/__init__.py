"""Named-entity recognition for Arabic news: a CRF trained on ANERcorp, shipped in `model/`.

    tagger = NerTagger.load()
    tagger.spans("زار الرئيس الفرنسي القاهرة أمس.")  # [Span(start, end, "LOC", "القاهرة"), ...]
"""

from rasd.understand.ner.conll import evaluate, read, score
from rasd.understand.ner.tagger import NerTagger, Span
from rasd.understand.ner.tokenize import sentences, tokens

__all__ = ["NerTagger", "Span", "evaluate", "read", "score", "sentences", "tokens"]
