"""Deterministic fixes for what the probe sees in motion and in density, each a patch of one
statement (the critic stage probes the patched scene before it renders, and rolls the patch
back if the findings grow).

- two things of one play that collide on straight paths (a swap): the play gets a path_arc, so
  they pass beside each other (manim's Swap does the same with 90 degrees);
- lines stacked too tightly: the arrange() call that stacked them gets a readable buff;
- a rotation or a path that leaves the frame, a wall of text: what to change needs judgement,
  so the Coder gets the measured hint (how much shorter the radius must be; split the block).
"""

from __future__ import annotations

import ast
import re
from typing import Literal

from pydantic import BaseModel, Field

from .. import pyparse
from .. import thresholds as th
from .findings import Finding

# Radians: 90 degrees, as manim's Swap; if they still meet (neighbours closer than their size), a
# later round turns it into a half circle, on which two objects of one size never meet.
SWAP_PATH_ARCS = (1.571, 3.1416)
READABLE_BUFF = 0.25  # manim's MED_SMALL_BUFF: 0.6 of a 30-point glyph height


class PathArcFix(BaseModel):
    kind: Literal["path_arc"] = "path_arc"
    line: int = Field(ge=1, description="Line of the self.play call.")
    reason: str = ""


class SpacingFix(BaseModel):
    kind: Literal["spacing"] = "spacing"
    line: int = Field(ge=1, description="Line that creates the stacked texts.")
    buff: float = READABLE_BUFF
    reason: str = ""


def motion_fix(f: Finding) -> PathArcFix | SpacingFix | None:
    """The deterministic fix for one finding, if there is a safe one."""
    if f.source_line is None:
        return None
    if f.kind == "motion_overlap" and len(f.mobjects) == 2:
        return PathArcFix(line=f.source_line, reason=f.message)
    if f.kind == "lines_cramped":
        return SpacingFix(line=f.source_line, reason=f.message)
    return None


def coder_hint(f: Finding) -> str | None:
    """What to tell the Coder for a finding that needs an edit, with the measured numbers."""
    if f.kind == "motion_out_of_frame" and f.mobjects and f.value:
        b = f.mobjects[0].bbox
        reach = max(b[2] - b[0], b[3] - b[1])
        shorter = f.value + th.SAFE_MARGIN
        return (f"{f.message}. If it rotates or swings about a point, shorten its radius by at least "
                f"{shorter:.2f} units (to about {max(reach - shorter, 0.1):.2f}) or move the pivot "
                f"{shorter:.2f} units inward; if it overshoots, use a rate function that does not.")
    if f.kind == "text_wall":
        return (f"{f.message}. Split the text into two blocks shown one after the other (fade the "
                "first out before the second comes in), or keep only what the narration needs.")
    if f.kind == "reading_too_fast":
        return f"{f.message}. Hold it longer (self.wait) before it leaves, or show less of it."
    return None


def apply_motion_fix(source: str, fix: PathArcFix | SpacingFix) -> tuple[str, str] | None:
    """The patched source and what was done, or None when the line has nothing to patch."""
    try:
        tree = pyparse.parse(source)
    except SyntaxError:
        return None
    if isinstance(fix, PathArcFix):
        return _path_arc(source, tree, fix)
    return _spacing(source, tree, fix)


def _statement_at(tree: ast.Module, line: int) -> ast.stmt | None:
    best = None
    for node in ast.walk(tree):
        if (isinstance(node, ast.stmt) and not isinstance(node, (ast.With, ast.For, ast.While, ast.If,
                                                                  ast.FunctionDef, ast.ClassDef))
                and node.lineno <= line <= (node.end_lineno or node.lineno)):
            best = node
    return best


def _replace_statement(source: str, stmt: ast.stmt) -> str:
    lines = source.split("\n")
    indent = re.match(r"\s*", lines[stmt.lineno - 1]).group(0)
    lines[stmt.lineno - 1:stmt.end_lineno] = [indent + ln for ln in ast.unparse(stmt).split("\n")]
    return "\n".join(lines)


def _path_arc(source: str, tree: ast.Module, fix: PathArcFix) -> tuple[str, str] | None:
    stmt = _statement_at(tree, fix.line)
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "play"):
        return None
    ours = next((k for k in call.keywords if k.arg == "path_arc" and isinstance(k.value, ast.Constant)
                 and k.value.value in SWAP_PATH_ARCS[:-1]), None)
    if ours is None and any(k.arg in ("path_arc", "path_func") for k in call.keywords):
        return None  # the author chose a path: not ours to change
    arc = SWAP_PATH_ARCS[SWAP_PATH_ARCS.index(ours.value.value) + 1] if ours else SWAP_PATH_ARCS[0]
    if ours is not None:
        ours.value = ast.Constant(arc)
    else:
        # play's keyword arguments are set on every animation of the call (Scene.compile_animations)
        call.keywords.append(ast.keyword(arg="path_arc", value=ast.Constant(arc)))
    return _replace_statement(source, stmt), f"line {fix.line}: the play moves along a {arc * 57.3:.0f}-degree arc"


def _spacing(source: str, tree: ast.Module, fix: SpacingFix) -> tuple[str, str] | None:
    stmt = _statement_at(tree, fix.line)
    if stmt is None:
        return None
    names = {t.id for t in getattr(stmt, "targets", []) if isinstance(t, ast.Name)}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("arrange", "arrange_in_grid")):
            continue
        owner = node.func.value
        inside = node.lineno >= stmt.lineno and (node.end_lineno or node.lineno) <= (stmt.end_lineno or stmt.lineno)
        if not (inside or (isinstance(owner, ast.Name) and owner.id in names)):
            continue
        buff = next((k for k in node.keywords if k.arg == "buff"), None)
        if buff is not None and not (isinstance(buff.value, ast.Constant)
                                     and isinstance(buff.value.value, int | float)):
            return None  # a computed buff: leave it to the Coder
        if buff is not None and buff.value.value >= fix.buff:
            return None
        target = _statement_at(tree, node.lineno)
        if buff is None:
            node.keywords.append(ast.keyword(arg="buff", value=ast.Constant(fix.buff)))
        else:
            buff.value = ast.Constant(fix.buff)
        return _replace_statement(source, target), f"line {target.lineno}: stacked lines spaced by {fix.buff:g}"
    return None
