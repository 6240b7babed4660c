"""The shipped NER model: BIO tags for tokens, and entity spans with offsets for article text."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycrfsuite

from rasd.understand.ner.conll import entities
from rasd.understand.ner.features import Featurizer, Lexicon
from rasd.understand.ner.tokenize import sentences

MODEL_FILE = "ner.crfsuite"
LEXICON_FILE = "lexicon.json"
META_FILE = "meta.json"


@dataclass(slots=True, frozen=True)
class Span:
    start: int
    end: int
    label: str
    text: str


@dataclass(slots=True)
class NerTagger:
    featurizer: Featurizer
    crf: pycrfsuite.Tagger
    model: bytes  # crfsuite reads the model in place from this buffer: it must live as long as `crf`

    @classmethod
    def load(cls, path: Path | None = None) -> NerTagger:
        """The model in folder `path`, or the one shipped in the package (read as package data)."""
        folder = resources.files("rasd.understand.ner") / "model" if path is None else Path(path)
        model = folder / MODEL_FILE
        if not model.is_file():
            raise FileNotFoundError(f"no NER model at {model}")
        data = model.read_bytes()
        crf = pycrfsuite.Tagger()
        crf.open_inmemory(data)
        return cls(Featurizer(Lexicon.load(folder / LEXICON_FILE)), crf, data)

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags (B-PER, I-ORG, O, ...) for one sentence of tokens."""
        if not tokens:
            return []
        return self.crf.tag(self.featurizer.sentence(tokens))

    def spans(self, text: str) -> list[Span]:
        """Entities in `text` with character offsets into it, sentence by sentence."""
        found = []
        for sentence in sentences(text):
            tags = self.tag([text[a:b] for a, b in sentence])
            for label, first, last in entities(tags):
                start, end = sentence[first][0], sentence[last][1]
                found.append(Span(start, end, label, text[start:end]))
        return found
