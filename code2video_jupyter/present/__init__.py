"""Present mode: a run as an offline presentation, one step per lecture line (reveal.js)."""

from .build import Presentation, build_presentation, default_path, read_manifest
from .steps import Deck, Step, read_deck

__all__ = ["Deck", "Presentation", "Step", "build_presentation", "default_path", "read_deck",
           "read_manifest"]
