"""The anchor grid drawn over a keyframe (A1..F6, as the Coder and the vision model name cells),
and the grid occupancy of each lecture-line block, taken from the placements that the
scaffold recorded at run time in timeline.json (not from a regex over the source)."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from pydantic import BaseModel, Field

from .. import layout_grid as grid

GRID_COLOUR = (255, 64, 160)  # magenta: rare in lessons, readable on the dark background
FONT_FILES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
              "DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


class Placement(BaseModel):
    where: str = Field(description="The anchor cell or area the scene asked for, e.g. B2 or A1:C3.")
    kind: str = Field(description="Class of the placed mobject.")
    source_line: int | None = None
    bbox: tuple[float, float, float, float]
    cells: list[str] = Field(description="Cells its box actually covers.")


class BlockOccupancy(BaseModel):
    block: int = Field(description="Lecture-line index.")
    line: str = ""
    start: float = 0.0
    end: float = 0.0
    placements: list[Placement] = Field(default_factory=list)
    cells: list[str] = Field(default_factory=list, description="Union of the placements' cells, A1..F6 order.")


def _placement(p: dict[str, Any]) -> Placement:
    left, bottom, right, top = p["bbox"]
    cells = grid.cells_covering(grid.Rect(left, bottom, right, top))
    return Placement(where=p.get("where", ""), kind=p.get("kind", ""), source_line=p.get("source_line"),
                     bbox=(left, bottom, right, top), cells=cells)


def grid_occupancy(timeline: dict[str, Any]) -> list[BlockOccupancy]:
    """For each block: what was placed in it and which anchor cells those placements cover."""
    order = {f"{r}{c + 1}": i for i, (r, c) in enumerate((r, c) for r in grid.ROWS for c in range(grid.COLS))}
    out = []
    for b in timeline.get("blocks", []):
        placements = [_placement(p) for p in b.get("placements", [])]
        cells = sorted({c for p in placements for c in p.cells}, key=order.__getitem__)
        out.append(BlockOccupancy(block=b["index"], line=b.get("text", ""), start=b["start"],
                                  end=b["end"], placements=placements, cells=cells))
    return out


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def to_pixels(x: float, y: float, width: int, height: int,
              frame_width: float = grid.FRAME_WIDTH, frame_height: float = grid.FRAME_HEIGHT) -> tuple[float, float]:
    """Scene units (origin at the centre, y up) to image pixels (origin top-left, y down)."""
    return (x + frame_width / 2) * width / frame_width, (frame_height / 2 - y) * height / frame_height


def draw_grid(frame: np.ndarray | Image.Image, occupied: list[str] | None = None,
              frame_width: float = grid.FRAME_WIDTH, frame_height: float = grid.FRAME_HEIGHT) -> Image.Image:
    """A copy of ``frame`` with the canvas's 6x6 anchor grid and its cell names drawn on it;
    cells in ``occupied`` are tinted, so a reader sees what the scene says it placed where."""
    base = (Image.fromarray(frame) if isinstance(frame, np.ndarray) else frame).convert("RGBA")
    w, h = base.size
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    line_w = max(1, round(h / 360))
    font = _font(max(9, round(h / 34)))
    for name in occupied or []:
        r = grid.cell_rect(name)
        x0, y0 = to_pixels(r.left, r.top, w, h, frame_width, frame_height)
        x1, y1 = to_pixels(r.right, r.bottom, w, h, frame_width, frame_height)
        draw.rectangle([x0, y0, x1, y1], fill=(*GRID_COLOUR, 40))
    c = grid.CANVAS
    for i in range(grid.COLS + 1):
        x, y_top = to_pixels(c.left + i * grid.CELL_W, c.top, w, h, frame_width, frame_height)
        _, y_bottom = to_pixels(c.left, c.bottom, w, h, frame_width, frame_height)
        draw.line([x, y_top, x, y_bottom], fill=(*GRID_COLOUR, 150), width=line_w)
    for j in range(len(grid.ROWS) + 1):
        x_left, y = to_pixels(c.left, c.top - j * grid.CELL_H, w, h, frame_width, frame_height)
        x_right, _ = to_pixels(c.right, c.top, w, h, frame_width, frame_height)
        draw.line([x_left, y, x_right, y], fill=(*GRID_COLOUR, 150), width=line_w)
    pad = max(2, round(h / 240))
    for row in grid.ROWS:
        for col in range(grid.COLS):
            name = f"{row}{col + 1}"
            r = grid.cell_rect(name)
            x, y = to_pixels(r.left, r.top, w, h, frame_width, frame_height)
            box = draw.textbbox((x + pad, y + pad), name, font=font)
            draw.rectangle([box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1], fill=(0, 0, 0, 150))
            draw.text((x + pad, y + pad), name, font=font, fill=(*GRID_COLOUR, 255))
    return Image.alpha_composite(base, layer).convert("RGB")
