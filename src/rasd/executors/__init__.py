"""Executors decide where steps run; steps never import them."""

from rasd.executors.local import LocalExecutor

__all__ = ["LocalExecutor"]
