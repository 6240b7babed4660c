"""The shipped NER model: BIO tags for tokens, and entity spans with offsets for article text.

When the model folder has a first-pass model (`first.crfsuite`), tagging is two-pass: the first
pass tags every sentence of the document, and the second pass sees, for each token, how the same
stem was tagged in the nearby sentences of the document (`doc_window` sentences either side).

Whatever the passes, `tag_document` then makes the document's tags consistent (`consistency.py`): a
name the CRF tagged with confidence somewhere in the document is tagged wherever else it is left O.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycrfsuite

from rasd.understand.ner.conll import entities
from rasd.understand.ner.consistency import CONFIDENT, confident_names, propagate
from rasd.understand.ner.features import Featurizer, Gazetteer, Lexicon, doc_counts, load_clusters, merge_counts
from rasd.understand.ner.tokenize import sentences

MODEL_FILE = "ner.crfsuite"
FIRST_FILE = "first.crfsuite"
LEXICON_FILE = "lexicon.json"
CLUSTERS_FILE = "clusters.tsv"
GAZETTEER_FILE = "gazetteer.json"
META_FILE = "meta.json"


@dataclass(slots=True, frozen=True)
class Span:
    start: int
    end: int
    label: str
    text: str


def _open(data: bytes) -> pycrfsuite.Tagger:
    crf = pycrfsuite.Tagger()
    crf.open_inmemory(data)
    return crf


@dataclass(slots=True)
class NerTagger:
    featurizer: Featurizer
    crf: pycrfsuite.Tagger
    model: bytes  # crfsuite reads the model in place from this buffer: it must live as long as `crf`
    first: pycrfsuite.Tagger | None = None
    first_model: bytes = b""
    doc_window: int = 0
    stack: bool = False
    confident: float = CONFIDENT  # marginal probability a name needs to be spread over its document; 0: off

    @classmethod
    def load(cls, path: Path | None = None) -> NerTagger:
        """The model in folder `path`, or the one shipped in the package (read as package data)."""
        folder = resources.files("rasd.understand.ner") / "model" if path is None else Path(path)
        model = folder / MODEL_FILE
        if not model.is_file():
            raise FileNotFoundError(f"no NER model at {model}")
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8")) if (folder / META_FILE).is_file() else {}
        clusters = load_clusters(folder / CLUSTERS_FILE) if (folder / CLUSTERS_FILE).is_file() else {}
        gazetteer = Gazetteer.load(folder / GAZETTEER_FILE) if (folder / GAZETTEER_FILE).is_file() else None
        featurizer = Featurizer(Lexicon.load(folder / LEXICON_FILE), clusters, gazetteer)
        data = model.read_bytes()
        tagger = cls(featurizer, _open(data), data)
        if (folder / FIRST_FILE).is_file():
            tagger.first_model = (folder / FIRST_FILE).read_bytes()
            tagger.first = _open(tagger.first_model)
            tagger.doc_window = int(meta.get("doc_window", 0))
            tagger.stack = bool(meta.get("stack", False))
        return tagger

    def _first_pass(self, tokens: list[str]) -> list[str]:
        assert self.first is not None
        return self.first.tag(self.featurizer.sentence(tokens))

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags (B-PER, I-ORG, O, ...) for one sentence of tokens, taken as a document of its own."""
        return self.tag_document([tokens])[0]

    def tag_document(self, document: list[list[str]]) -> list[list[str]]:
        """BIO tags for each sentence of a document (sentences in order), made consistent over the document."""
        names: dict = {}
        out = []
        first = [self._first_pass(s) if s else [] for s in document] if self.first is not None else None
        if first is not None and self.doc_window:
            counts = [doc_counts(s, f) for s, f in zip(document, first)]
        w = self.doc_window
        for i, s in enumerate(document):
            if not s:
                out.append([])
                continue
            doc = None
            if first is not None and w:
                doc = merge_counts(counts[j] for j in range(max(0, i - w), min(len(document), i + w + 1)) if j != i)
            feats = self.featurizer.sentence(s, doc, first[i] if first is not None and self.stack else None)
            tags = self.crf.tag(feats)
            if self.confident and len(document) > 1:
                # the marginals belong to the sequence just tagged, so they are read before the next one
                confident_names(s, tags, self.crf.marginal, self.confident, names)
            out.append(tags)
        return propagate(document, out, names) if names else out

    def spans(self, text: str) -> list[Span]:
        """Entities in `text` with character offsets into it, the whole text taken as one document."""
        groups = sentences(text)
        found = []
        for sentence, tags in zip(groups, self.tag_document([[text[a:b] for a, b in s] for s in groups])):
            for label, first, last in entities(tags):
                start, end = sentence[first][0], sentence[last][1]
                found.append(Span(start, end, label, text[start:end]))
        return found
