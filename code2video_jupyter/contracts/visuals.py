"""The visual vocabulary: what a lecture line may show on the canvas.

One pydantic model per kind, joined in a discriminated union on ``kind``. The markdown lesson
parser, the Planner's structured output and the deterministic compiler all speak this set.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..expressions import to_numpy

IDENT = r"^[A-Za-z_][A-Za-z0-9_]*$"
# A single anchor cell ("B2") or an area between two cells ("A1:C3", "A1-C3").
PLACEMENT = r"^[A-Fa-f][1-6](\s*[:\-]\s*[A-Fa-f][1-6])?$"


class _Visual(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(
        default=None, pattern=IDENT, description="Name for later highlight/transform steps."
    )
    at: str | None = Field(
        default=None,
        pattern=PLACEMENT,
        description="Anchor cell (B2) or area (A1:C3) on the 6x6 canvas grid; default: whole canvas.",
    )

    @field_validator("at")
    @classmethod
    def _normalise_at(cls, v: str | None) -> str | None:
        return None if v is None else re.sub(r"\s*[:\-]\s*", ":", v.upper())


class EquationVisual(_Visual):
    kind: Literal["equation"] = "equation"
    latex: str = Field(min_length=1, description="LaTeX math, without $ delimiters.")


class Curve(BaseModel):
    model_config = ConfigDict(extra="forbid")
    expr: str = Field(min_length=1, description="Expression in x, e.g. 'x**2' or 'sin(x)'.")
    label: str | None = Field(default=None, description="LaTeX label, e.g. 'f(x)=x^2'.")
    color: str | None = None

    @field_validator("expr")
    @classmethod
    def _safe_expression(cls, v: str) -> str:
        to_numpy(v)  # raises ExpressionError (a ValueError) that says what is wrong
        return v


class PlotVisual(_Visual):
    kind: Literal["plot"] = "plot"
    functions: list[Curve] = Field(min_length=1)
    x_range: tuple[float, float] = (-4.0, 4.0)
    y_range: tuple[float, float] | None = Field(
        default=None, description="Default: sampled from the functions."
    )
    x_label: str = "x"
    y_label: str = "y"
    tangent_at: float | None = Field(default=None, description="Draw the tangent of the first curve at this x.")
    secant: tuple[float, float] | None = Field(default=None, description="Secant of the first curve between two x.")
    area: tuple[float, float] | None = Field(default=None, description="Shade the area under the first curve.")
    dots: list[float] = Field(default_factory=list, description="Mark the first curve at these x.")

    @model_validator(mode="before")
    @classmethod
    def _single_function(cls, data: object) -> object:
        # Lessons may write `function: x**2` (and `label:`) for the common one-curve case.
        if isinstance(data, dict) and "function" in data:
            data = dict(data)
            fn = data.pop("function")
            curve = {"expr": fn} if isinstance(fn, str) else fn
            if "label" in data and isinstance(curve, dict):
                curve["label"] = data.pop("label")
            data.setdefault("functions", [curve])
        return data

    @model_validator(mode="after")
    def _ranges(self) -> PlotVisual:
        for name in ("x_range", "y_range", "secant", "area"):
            r = getattr(self, name)
            if r is not None and not r[0] < r[1]:
                raise ValueError(f"{name} must be increasing, got {list(r)}")
        return self


class Mark(BaseModel):
    model_config = ConfigDict(extra="forbid")
    at: float
    label: str | None = None


class NumberLineVisual(_Visual):
    kind: Literal["number_line"] = "number_line"
    range: tuple[float, float] = (-5.0, 5.0)
    step: float = Field(default=1.0, gt=0)
    marks: list[Mark] = Field(default_factory=list)
    interval: tuple[float, float] | None = Field(default=None, description="Highlight a segment.")

    @field_validator("marks", mode="before")
    @classmethod
    def _bare_numbers(cls, v: object) -> object:
        if isinstance(v, list):
            return [{"at": m} if isinstance(m, int | float) else m for m in v]
        return v

    @model_validator(mode="after")
    def _ranges(self) -> NumberLineVisual:
        if not self.range[0] < self.range[1]:
            raise ValueError(f"range must be increasing, got {list(self.range)}")
        if (self.range[1] - self.range[0]) / self.step > 40:
            raise ValueError("too many ticks: widen 'step' (at most 40 ticks fit)")
        return self


ShapeKind = Literal["circle", "square", "rectangle", "triangle", "polygon", "ellipse", "dot"]


class ShapeItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    shape: ShapeKind
    points: list[tuple[float, float]] | None = Field(
        default=None, description="Vertices for triangle/polygon, in any unit; scaled to fit."
    )
    size: float = Field(default=2.0, gt=0, description="Side, diameter or width.")
    height: float | None = Field(default=None, gt=0)
    label: str | None = Field(default=None, description="Label in the middle (LaTeX math).")
    vertex_labels: list[str] = Field(default_factory=list)
    side_labels: list[str] = Field(
        default_factory=list, description="Side i joins vertex i and vertex i+1."
    )
    right_angle: int | None = Field(default=None, ge=0, description="Vertex index with a right-angle mark.")
    color: str | None = None
    fill: bool = False

    @model_validator(mode="after")
    def _points(self) -> ShapeItem:
        if self.shape in ("triangle", "polygon"):
            need = 3
            if not self.points or len(self.points) < need:
                raise ValueError(f"a {self.shape} needs 'points' with at least {need} vertices")
            if self.shape == "triangle" and len(self.points) != 3:
                raise ValueError("a triangle needs exactly 3 points")
            n = len(self.points)
            if len(self.vertex_labels) > n or len(self.side_labels) > n:
                raise ValueError(f"more labels than the {n} vertices/sides")
            if self.right_angle is not None and self.right_angle >= n:
                raise ValueError(f"right_angle {self.right_angle} is not a vertex index (0..{n - 1})")
        elif self.points:
            raise ValueError(f"'points' is only for triangle/polygon, not {self.shape}")
        return self


class ShapeVisual(_Visual):
    kind: Literal["shape"] = "shape"
    shapes: list[ShapeItem] = Field(min_length=1, description="Shown side by side.")

    @model_validator(mode="before")
    @classmethod
    def _single_shape(cls, data: object) -> object:
        if isinstance(data, dict) and "shape" in data and "shapes" not in data:
            data = dict(data)
            item = {k: data.pop(k) for k in list(data) if k not in ("kind", "id", "at")}
            data["shapes"] = [item]
        return data


class VectorItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: tuple[float, float]
    start: tuple[float, float] = (0.0, 0.0)
    label: str | None = None
    color: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_pair(cls, data: object) -> object:
        if isinstance(data, list | tuple):
            return {"to": data}
        if isinstance(data, dict) and "from" in data:
            data = dict(data)
            data["start"] = data.pop("from")
        return data


class VectorVisual(_Visual):
    kind: Literal["vector"] = "vector"
    vectors: list[VectorItem] = Field(min_length=1)
    plane: bool = Field(default=True, description="Draw a coordinate grid behind the arrows.")
    sum: bool = Field(default=False, description="Also draw the sum of the first two, tip to tail.")


class TableVisual(_Visual):
    kind: Literal["table"] = "table"
    rows: list[list[str]] = Field(min_length=1)
    header: bool = True

    @field_validator("rows", mode="before")
    @classmethod
    def _cells_as_text(cls, v: object) -> object:
        if isinstance(v, list):
            return [[str(c) for c in r] if isinstance(r, list) else r for r in v]
        return v

    @model_validator(mode="after")
    def _rectangular(self) -> TableVisual:
        widths = {len(r) for r in self.rows}
        if len(widths) != 1 or 0 in widths:
            raise ValueError(f"every row needs the same number of cells, got {sorted(widths)}")
        return self


class MatrixVisual(TableVisual):
    kind: Literal["matrix"] = "matrix"  # type: ignore[assignment]
    header: bool = False
    label: str | None = Field(default=None, description="LaTeX before the matrix, e.g. 'A ='.")


class ImageVisual(_Visual):
    kind: Literal["image"] = "image"
    path: str = Field(min_length=1, description="PNG, JPEG or SVG, relative to the lesson file.")
    caption: str | None = None


class CodeVisual(_Visual):
    kind: Literal["code"] = "code"
    code: str = Field(min_length=1)
    language: str = "python"
    highlight_lines: list[int] = Field(default_factory=list)


class TextVisual(_Visual):
    kind: Literal["text"] = "text"
    text: str = Field(min_length=1)


class TransformVisual(_Visual):
    kind: Literal["transform"] = "transform"
    target: str = Field(pattern=IDENT, description="id of an earlier equation.")
    to: str = Field(min_length=1, description="LaTeX of the new equation.")


class HighlightVisual(_Visual):
    kind: Literal["highlight"] = "highlight"
    target: str = Field(pattern=IDENT, description="id of an earlier visual.")
    style: Literal["box", "indicate", "color", "underline"] = "box"
    part: str | None = Field(default=None, description="For equations: the LaTeX piece to mark.")


Visual = Annotated[
    EquationVisual
    | PlotVisual
    | NumberLineVisual
    | ShapeVisual
    | VectorVisual
    | TableVisual
    | MatrixVisual
    | ImageVisual
    | CodeVisual
    | TextVisual
    | TransformVisual
    | HighlightVisual,
    Field(discriminator="kind"),
]

VISUAL_KINDS: tuple[str, ...] = (
    "equation", "plot", "number_line", "shape", "vector", "table", "matrix",
    "image", "code", "text", "transform", "highlight",
)
# Kinds that act on an earlier visual instead of taking canvas space of their own.
ACTION_KINDS: frozenset[str] = frozenset({"transform", "highlight"})
