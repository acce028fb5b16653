"""Deterministic patches for the Critic's anchor moves and scale changes: the placement call
on the named line is rewritten; nothing else in the file changes."""

from __future__ import annotations

import ast
import re

from .. import pyparse
from .fixes import MoveFix, ScaleFix
from .motion_fixes import PathArcFix, SpacingFix, apply_motion_fix

PLACE = ("place_at", "place_in")


def _place_call(stmt: ast.stmt) -> ast.Call | None:
    for node in ast.walk(stmt):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in PLACE and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "self"):
            return node
    return None


def _statement(tree: ast.Module, line: int) -> ast.stmt | None:
    best = None
    for node in ast.walk(tree):
        if (isinstance(node, ast.stmt) and not isinstance(node, (ast.With, ast.For, ast.If,
                                                                  ast.FunctionDef, ast.ClassDef))
                and node.lineno <= line <= (node.end_lineno or node.lineno)):
            best = node
    return best


def placement_lines(source: str) -> dict[int, str]:
    """Line -> the placement call's text, for the Critic's prompt."""
    out = {}
    try:
        tree = pyparse.parse(source)
    except SyntaxError:
        return out
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not isinstance(node, (ast.With, ast.FunctionDef, ast.ClassDef)):
            call = _place_call(node)
            if call is not None and node.lineno not in out:
                out[node.lineno] = ast.unparse(node)
    return out


def apply_patch(source: str, fix: MoveFix | ScaleFix | PathArcFix | SpacingFix) -> tuple[str, str] | None:
    """The patched source and what was done, or None when the line has no placement call."""
    if isinstance(fix, PathArcFix | SpacingFix):
        return apply_motion_fix(source, fix)
    try:
        tree = pyparse.parse(source)
    except SyntaxError:
        return None
    stmt = _statement(tree, fix.line)
    call = _place_call(stmt) if stmt is not None else None
    if stmt is None or call is None:
        return None
    before = ast.unparse(stmt)
    if isinstance(fix, MoveFix):
        # One cell: centred there; an area: fitted into it.
        call.func.attr = "place_at" if ":" not in fix.to else "place_in"  # type: ignore[attr-defined]
        call.args = [call.args[0], ast.Constant(fix.to)]
        call.keywords = [k for k in call.keywords if k.arg == "pad"] if ":" in fix.to else []
        done = f"line {fix.line}: moved to {fix.to}"
    else:
        parent = _parent(stmt, call)
        if (isinstance(parent, ast.Attribute) and parent.attr == "scale"):
            outer = _parent(stmt, parent)
            if not (isinstance(outer, ast.Call) and outer.args
                    and isinstance(outer.args[0], ast.Constant)):
                return None
            outer.args[0] = ast.Constant(round(float(outer.args[0].value) * fix.factor, 3))
        else:
            _replace(stmt, call, ast.Call(func=ast.Attribute(value=call, attr="scale", ctx=ast.Load()),
                                          args=[ast.Constant(round(fix.factor, 3))], keywords=[]))
        done = f"line {fix.line}: scaled by {fix.factor:g}"
    text = ast.unparse(stmt)
    if text == before:
        return None
    lines = source.split("\n")
    indent = re.match(r"\s*", lines[stmt.lineno - 1]).group(0)
    lines[stmt.lineno - 1:stmt.end_lineno] = [indent + ln for ln in text.split("\n")]
    return "\n".join(lines), done


def _parent(root: ast.AST, child: ast.AST) -> ast.AST | None:
    for node in ast.walk(root):
        for value in ast.iter_fields(node):
            v = value[1]
            if v is child or (isinstance(v, list) and any(item is child for item in v)):
                return node
    return None


def _replace(root: ast.AST, old: ast.AST, new: ast.AST) -> None:
    if old is new:
        return
    for node in ast.walk(root):
        for field, value in ast.iter_fields(node):
            if value is old:
                setattr(node, field, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new
                        return
