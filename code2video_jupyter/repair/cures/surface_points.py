"""A point of a parametric surface asked for under a name manim does not have:
``sphere.point_from_angle(a, b)``, ``surface.point_from_parametric_point(u, v)``,
``surface.get_point_from_uv([u, v])``. Models invent a new name each time; manim has one
method for it, ``Surface.func(u, v)``, the surface's own parametrization. The cure renames the
call when all of this holds: the receiver is a Surface (the error names its class), the
invented name speaks of a point, the call gives exactly two parameters (or one pair), and
``func`` of that class takes (u, v) (the namespace index says). Three coordinates
(``point_from_coordinates(x, y, z)``) are a position in space, not (u, v): left alone."""

from __future__ import annotations

import ast

from ... import pyparse
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, parse, replace_statements, simple_statements
from .issues import ATTR_ERROR, manim_base

SURFACE = "manim.mobject.three_d.three_dimensions.Surface"


def _uv_args(call: ast.Call) -> list[ast.expr] | None:
    if call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    if len(call.args) == 2:
        return list(call.args)
    if len(call.args) == 1 and isinstance(call.args[0], (ast.List, ast.Tuple)) and len(call.args[0].elts) == 2:
        return list(call.args[0].elts)
    return None


def surface_point_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    m = ATTR_ERROR.search(message)
    tree = parse(source)
    if m is None or tree is None or line is None:
        return None
    cls, attr = m.groups()
    if "point" not in attr.lower():
        return None
    key = ns.class_key(cls) or manim_base(tree, cls, ns)
    if key is None or SURFACE not in ns.classes[key]["mro"]:
        return None
    sig = ns.method(key, "func")
    if sig is None or len(sig.params) != 2:
        return None
    edits: list[tuple[ast.stmt, ast.AST]] = []
    for stmt in simple_statements(tree):
        new = pyparse.clone(stmt)
        count = 0
        for call in pyparse.walk(new):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == attr
                    and (args := _uv_args(call)) is not None):
                call.func.attr, call.args = "func", args
                count += 1
        if count:
            edits.append((stmt, new))
    if not edits:
        return None
    first = min(s.lineno for s, _ in edits)
    return Cure("surface point", replace_statements(source, edits), [Fix(
        first, "renamed_api", f".{attr}(u, v) -> .func(u, v): {cls} has no {attr}; a Surface's point "
        f"at (u, v) is its func (every use)")])
