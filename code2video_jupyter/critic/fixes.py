"""The Critic's fixes: what a vision model (or the probe's findings) asks to change.

Anchor moves and scale changes are applied as deterministic patches to the placement call on
the given line; anything else is an edit the Coder makes, scoped to that line."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from ..contracts.visuals import PLACEMENT


class MoveFix(BaseModel):
    kind: Literal["move"] = "move"
    line: int = Field(ge=1, description="Line of the place_at/place_in call to change.")
    to: str = Field(pattern=PLACEMENT, description="Anchor cell (B2) or area (A1:C3).")
    reason: str = ""

    @field_validator("to")
    @classmethod
    def _norm(cls, v: str) -> str:
        return re.sub(r"\s*[:\-]\s*", ":", v.upper())


class ScaleFix(BaseModel):
    kind: Literal["scale"] = "scale"
    line: int = Field(ge=1)
    factor: float = Field(gt=0.2, le=2.0)
    reason: str = ""


class EditFix(BaseModel):
    kind: Literal["edit"] = "edit"
    line: int = Field(ge=1)
    instruction: str = Field(min_length=3)


Fix = Annotated[MoveFix | ScaleFix | EditFix, Field(discriminator="kind")]


class Critique(BaseModel):
    """The Critic's answer for one section."""

    fixes: list[Fix] = Field(default_factory=list)
    comment: str = ""
