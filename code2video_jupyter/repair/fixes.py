"""One fix made to a scene's code without a model: where, what kind, what was done. Its own
module so every fixer (static, runtime, the GL port) can name it without importing the others."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Fix:
    line: int
    category: str  # fences | indentation | import | renamed_api | close_match | dropped_kwarg | ...
    description: str
