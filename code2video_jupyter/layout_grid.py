"""Screen geometry of a lecture scene: title band, lecture-line panel, canvas, 6x6 anchor grid.

Pure arithmetic (no manim), so the compiler, the scaffold, the layout probe and the critic all
share one definition. Units are manim's: the frame is 14.22 wide and 8 high, centred on 0.
Rows A..F run top to bottom, columns 1..6 left to right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FRAME_WIDTH = 14.0 + 2.0 / 9.0  # manim's default frame for 16:9
FRAME_HEIGHT = 8.0
SAFE_MARGIN = 0.25  # kept clear at every frame edge

ROWS = "ABCDEF"
COLS = 6

TITLE_TOP = FRAME_HEIGHT / 2 - SAFE_MARGIN
TITLE_BOTTOM = 2.95
BODY_TOP = 2.8
BODY_BOTTOM = -FRAME_HEIGHT / 2 + SAFE_MARGIN
LINES_LEFT = -FRAME_WIDTH / 2 + SAFE_MARGIN
LINES_RIGHT = -2.0
CANVAS_LEFT = -1.7
CANVAS_RIGHT = FRAME_WIDTH / 2 - SAFE_MARGIN


@dataclass(frozen=True)
class Rect:
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def center(self) -> tuple[float, float]:
        return ((self.left + self.right) / 2, (self.bottom + self.top) / 2)

    def union(self, other: Rect) -> Rect:
        return Rect(
            min(self.left, other.left),
            min(self.bottom, other.bottom),
            max(self.right, other.right),
            max(self.top, other.top),
        )

    def overlaps(self, other: Rect, tol: float = 1e-6) -> bool:
        return (
            self.left < other.right - tol
            and other.left < self.right - tol
            and self.bottom < other.top - tol
            and other.bottom < self.top - tol
        )


TITLE = Rect(-FRAME_WIDTH / 2 + SAFE_MARGIN, TITLE_BOTTOM, FRAME_WIDTH / 2 - SAFE_MARGIN, TITLE_TOP)
LINES_PANEL = Rect(LINES_LEFT, BODY_BOTTOM, LINES_RIGHT, BODY_TOP)
CANVAS = Rect(CANVAS_LEFT, BODY_BOTTOM, CANVAS_RIGHT, BODY_TOP)
CELL_W = CANVAS.width / COLS
CELL_H = CANVAS.height / len(ROWS)

_CELL = re.compile(r"^([A-Fa-f])([1-6])$")


class AnchorError(ValueError):
    pass


def parse_cell(name: str) -> tuple[int, int]:
    """'B3' -> (row 1, col 2), zero-based."""
    m = _CELL.match(name.strip())
    if not m:
        raise AnchorError(f"'{name}' is not an anchor cell: use A1..F6 (row letter, column digit)")
    return ROWS.index(m.group(1).upper()), int(m.group(2)) - 1


def cell_rect(name: str) -> Rect:
    r, c = parse_cell(name)
    left = CANVAS.left + c * CELL_W
    top = CANVAS.top - r * CELL_H
    return Rect(left, top - CELL_H, left + CELL_W, top)


def area_rect(first: str, last: str | None = None) -> Rect:
    """The rectangle spanning two cells (in any order), or one cell."""
    rect = cell_rect(first)
    return rect if last is None else rect.union(cell_rect(last))


def placement_rect(placement: str | None) -> Rect:
    """'B2', 'A1:C3' or None (the whole canvas)."""
    if placement is None:
        return CANVAS
    parts = re.split(r"\s*[:\-]\s*", placement.strip())
    if len(parts) > 2:
        raise AnchorError(f"'{placement}' is not a cell or an area like A1:C3")
    return area_rect(parts[0], parts[1] if len(parts) == 2 else None)


def cells_covering(rect: Rect) -> list[str]:
    """Names of the anchor cells a rectangle touches (for occupancy maps)."""
    out = []
    for row in ROWS:
        for c in range(COLS):
            name = f"{row}{c + 1}"
            if rect.overlaps(cell_rect(name)):
                out.append(name)
    return out
