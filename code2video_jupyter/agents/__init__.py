"""The agents: the Planner (topic -> outline -> storyboard) and the Coder (section -> scene)."""

from .coder import Coder
from .planner import Planner

__all__ = ["Coder", "Planner"]
