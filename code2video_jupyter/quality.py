"""Render qualities: the one table behind the options and the CLI's choices, manim's presets in
the sandbox, the output heights of the readability thresholds and narration's frame rates.

Standard library only: the sandbox child reads it before it imports manim (``options.py``,
which re-exports it, would bring pydantic into every render)."""

from __future__ import annotations

from typing import Literal, NamedTuple

Quality = Literal["l", "m", "h", "k"]


class QualitySpec(NamedTuple):
    height: int  # output pixels, top to bottom
    fps: int
    manim_preset: str  # manim's config.quality

    @property
    def label(self) -> str:
        return f"{self.height}p{self.fps}"


QUALITIES: dict[str, QualitySpec] = {
    "l": QualitySpec(480, 15, "low_quality"),
    "m": QualitySpec(720, 30, "medium_quality"),
    "h": QualitySpec(1080, 60, "high_quality"),
    "k": QualitySpec(2160, 60, "fourk_quality"),
}


def describe() -> str:
    """'l=480p15, m=720p30, ...' for help texts."""
    return ", ".join(f"{q}={spec.label}" for q, spec in QUALITIES.items())
