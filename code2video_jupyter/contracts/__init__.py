"""Pydantic contracts shared by every stage (the JSON files of a run folder follow them)."""

from .errors import StoryboardError, explain
from .storyboard import LectureLine, Outline, OutlineSection, Section, Storyboard
from .visuals import VISUAL_KINDS, Visual

__all__ = [
    "VISUAL_KINDS",
    "LectureLine",
    "Outline",
    "OutlineSection",
    "Section",
    "Storyboard",
    "StoryboardError",
    "Visual",
    "explain",
]
