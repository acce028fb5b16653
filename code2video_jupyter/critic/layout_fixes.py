"""Fixes from the probe's findings alone (no model): what geometry can decide.

An overlap moves the later of the two placed mobjects to the largest area of the canvas that
nothing else in its block occupies; an object out of the frame is fitted into such an area;
text too small is scaled up; a swap that collides gets a path arc and cramped lines a readable
buff (critic.motion_fixes). Findings about unplaced mobjects, crowding and far labels need the
Coder (an edit; a rotation out of frame or a wall of text with the measured hint), or are left
alone without a model."""

from __future__ import annotations

from typing import Any

from .. import layout_grid as grid
from .. import thresholds as th
from .findings import Finding, LayoutReport
from .fixes import EditFix, MoveFix, ScaleFix
from .grid_overlay import BlockOccupancy
from .motion_fixes import coder_hint, motion_fix


def largest_free_area(occupied: set[str]) -> str | None:
    """The largest rectangle of grid cells that touches none of ``occupied`` ("A1:C6")."""
    best, best_size = None, 0
    rows, cols = len(grid.ROWS), grid.COLS
    for r0 in range(rows):
        for c0 in range(cols):
            for r1 in range(r0, rows):
                for c1 in range(c0, cols):
                    cells = {f"{grid.ROWS[r]}{c + 1}" for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
                    if cells & occupied:
                        continue
                    # Prefer big, then squarish (a 1x6 strip fits little).
                    size = len(cells) * min(r1 - r0 + 1, c1 - c0 + 1)
                    if size > best_size:
                        best_size = size
                        best = f"{grid.ROWS[r0]}{c0 + 1}:{grid.ROWS[r1]}{c1 + 1}"
    return best


def _block_at(occupancy: list[BlockOccupancy], t: float) -> BlockOccupancy | None:
    for block in occupancy:
        if block.start - 1e-6 <= t <= block.end + 1e-6:
            return block
    return occupancy[-1] if occupancy else None


def fixes_from_findings(report: LayoutReport, occupancy: list[BlockOccupancy],
                        placements: dict[int, str], with_model: bool = False) -> list[Any]:
    # each fix is probed before the render and rolled back if the findings grow (critic_stage)
    """Deterministic fixes for a section's findings (plus Coder edits when a model exists)."""
    fixes: list[Any] = []
    done: set[int] = set()
    for f in sorted(report.findings, key=lambda f: (f.time, f.kind)):
        lines = [m.source_line for m in f.mobjects if m.source_line] or (
            [f.source_line] if f.source_line else [])
        placed = [ln for ln in lines if ln in placements]
        block = _block_at(occupancy, f.time)
        fix = motion_fix(f) or _fix(f, placed, block, placements)
        hint = coder_hint(f)
        if fix is None and with_model and hint and f.source_line:
            fix = EditFix(line=f.source_line, instruction=hint)
        if fix is None and with_model and lines and f.kind != "crowding":
            fix = EditFix(line=max(lines), instruction=f"Layout problem ({f.kind}): {f.message}. "
                          "Place the mobject on the anchor grid with self.place_at/place_in so it "
                          "stays inside the canvas and clear of the other objects.")
        if fix is not None and fix.line not in done:
            done.add(fix.line)
            fixes.append(fix)
    return fixes


def _fix(f: Finding, placed: list[int], block: BlockOccupancy | None,
         placements: dict[int, str]) -> MoveFix | ScaleFix | None:
    if not placed or block is None:
        return None
    line = max(placed)  # the later placement is the one that landed on the other
    others = {c for p in block.placements if p.source_line != line for c in p.cells}
    area = largest_free_area(others)
    if f.kind == "text_too_small":
        # place_in shrank it to fit its area: a larger free area gives it room to be read.
        if "place_in" in placements[line] and area is not None and _cells(area) > _cells_of(block, line):
            return MoveFix(line=line, to=area, reason=f.message)
        factor = (min(th.TEXT_SCALE_MAX, max(th.TEXT_SCALE_MIN, th.MIN_TEXT_PX / f.value))
                  if f.value else th.TEXT_SCALE_DEFAULT)
        return ScaleFix(line=line, factor=round(factor, 2), reason=f.message)
    if f.kind in ("overlap_text_text", "overlap_text_shape", "out_of_frame") and area is not None:
        return MoveFix(line=line, to=area, reason=f.message)
    return None


def _cells(area: str) -> int:
    r = grid.placement_rect(area)
    return round(r.width / grid.CELL_W) * round(r.height / grid.CELL_H)


def _cells_of(block: BlockOccupancy, line: int) -> int:
    mine = [p for p in block.placements if p.source_line == line]
    return max((_cells(p.where) for p in mine if p.where), default=1)


def score(report: LayoutReport) -> int:
    """One number to compare a section before and after a fix: findings weighted by severity."""
    weight = th.SEVERITY_WEIGHTS
    return sum(weight.get(f.severity, 1) for f in report.findings) if report.ok else 10_000
