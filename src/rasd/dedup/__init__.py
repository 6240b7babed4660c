"""Deduplication: exact (normalised-text hash) and near (MinHash + LSH, Jaccard or containment)."""

from rasd.dedup.deduplicate import Deduplicator
from rasd.dedup.fingerprint import Fingerprinter

__all__ = ["Deduplicator", "Fingerprinter"]
