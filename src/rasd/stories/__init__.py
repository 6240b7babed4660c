"""From articles to a timeline: stories, storylines, events and summaries."""

from rasd.stories.assign import StoryAssigner
from rasd.stories.organise import organise

__all__ = ["StoryAssigner", "organise"]
