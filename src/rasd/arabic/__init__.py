"""Arabic text helpers shared by every stage: normalisation for matching, words, script ratio."""

from rasd.arabic.normalize import arabic_ratio, normalize, words

__all__ = ["arabic_ratio", "normalize", "words"]
