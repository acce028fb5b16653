"""The theme: every colour and font a video's look depends on, as one pydantic model that the
scaffold (in the render), the compiler's helpers, the Coder's prompt, the probe's contrast check,
posters and the panel all read. A theme that its own text could not be read on is refused."""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..thresholds import DIM_CONTRAST_MIN, GRAPHIC_CONTRAST_MIN, TEXT_CONTRAST_MIN
from .colors import contrast, normalize

_COLOUR = "A hex colour, #RRGGBB or #RGB."


class Theme(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, description="Shown in the panel and in run.json.")
    background: str = Field(description="The frame's background. " + _COLOUR)
    text: str = Field(description="Titles, text and equations (manim's default colour for "
                      "every mobject that is not given one). " + _COLOUR)
    muted: str = Field(description="Lecture lines already spoken, axes, table rules. " + _COLOUR)
    dim: str = Field(description="Lecture lines still to come (dimmed on purpose). " + _COLOUR)
    rule: str = Field(description="The line under the title. " + _COLOUR)
    highlight: str = Field(description="The current lecture line, marks that draw attention, "
                           "table headers, labels of shapes. " + _COLOUR)
    accent: str = Field(description="Shapes and the first curve or vector when the lesson gives "
                        "no colour. " + _COLOUR)
    palette: list[str] = Field(min_length=3, description="Colours of curves and vectors in "
                               "order (the lesson may name its own; they are made readable on "
                               "the background). Hex colours.")
    font: str | None = Field(default=None, description="Pango font family of all text (default: "
                             "DejaVu Sans, Noto Sans or Liberation Sans, whichever is installed; "
                             "Pango falls back per character, e.g. to Noto CJK).")
    code_font: str | None = Field(default=None, description="Font family of code listings "
                                  "(default: manim's Monospace).")
    code_style: str = Field(default="monokai", description="Pygments style of code listings "
                            "(e.g. monokai on dark backgrounds, default or friendly on light).")

    @field_validator("background", "text", "muted", "dim", "rule", "highlight", "accent")
    @classmethod
    def _hex(cls, v: str) -> str:
        return normalize(v)

    @field_validator("palette")
    @classmethod
    def _hexes(cls, v: list[str]) -> list[str]:
        return [normalize(c) for c in v]

    @model_validator(mode="after")
    def _readable(self) -> Theme:
        """Each colour against the background, by its role (thresholds: WCAG 2)."""
        rules = [("text", TEXT_CONTRAST_MIN), ("muted", TEXT_CONTRAST_MIN),
                 ("highlight", TEXT_CONTRAST_MIN), ("dim", DIM_CONTRAST_MIN),
                 ("accent", GRAPHIC_CONTRAST_MIN)]
        bad = [f"{f} {getattr(self, f)} has contrast {contrast(getattr(self, f), self.background):.2f} "
               f"(needs {need})" for f, need in rules
               if contrast(getattr(self, f), self.background) < need]
        bad += [f"palette[{i}] {c} has contrast {contrast(c, self.background):.2f} "
                f"(needs {GRAPHIC_CONTRAST_MIN})" for i, c in enumerate(self.palette)
                if contrast(c, self.background) < GRAPHIC_CONTRAST_MIN]
        if bad:
            raise ValueError(f"on the background {self.background}: " + "; ".join(bad))
        return self

    @property
    def is_light(self) -> bool:
        from .colors import luminance, parse_hex

        return luminance(parse_hex(self.background)) > 0.18

    def fingerprint(self) -> str:
        """What a render's pixels depend on (the name does not change a pixel)."""
        data = json.dumps(self.model_dump(mode="json", exclude={"name"}), sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()[:16]
