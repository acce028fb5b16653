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
import re

from ... import pyparse
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import (
    Cure,
    call_name,
    chain_root,
    parse,
    replace_statements,
    simple_statements,
    statement_at,
)
from .issues import ATTR_ERROR, manim_base
from .points import bound_key, bound_values

# Mobject's catch-all getter given arguments: ``sphere.get_surface_point(u, v)``
_GETTER = "getter() takes 1 positional argument but"

SURFACE = "manim.mobject.three_d.three_dimensions.Surface"


def _uv_args(call: ast.Call) -> list[ast.expr] | None:
    if call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    if len(call.args) == 2:
        return list(call.args)
    if len(call.args) == 1 and isinstance(call.args[0], (ast.List, ast.Tuple)) and len(call.args[0].elts) == 2:
        return list(call.args[0].elts)
    return None


def _getter_call(tree: ast.Module, line: int, ns: Namespace) -> tuple[str, str, str] | None:
    """An invented ``get_...point...`` that Mobject's catch-all getter took (it refuses the
    arguments), called on a name made by a Surface class, or named for a surface's (u, v):
    (class, method, class key)."""
    stmt = statement_at(tree, line)
    if stmt is None:
        return None
    values = bound_values(tree)
    for call in pyparse.walk(stmt):
        f = call.func if isinstance(call, ast.Call) else None
        if not (isinstance(f, ast.Attribute) and f.attr.startswith("get_") and "point" in f.attr
                and f.attr not in ns.method_names):
            continue
        if re.search(r"uv|surface", f.attr) and _uv_args(call) is not None:
            return "Surface", f.attr, SURFACE  # the name says whose point it is (a parameter's type is not known)
        # every value the receiver is given is made by one and the same class, a Surface
        made = [chain_root(v) for v in values.get(bound_key(f.value) or "", [])]
        names = {call_name(r) if isinstance(r, ast.Call) else "" for r in made}
        key = ns.class_key(next(iter(names))) if len(names) == 1 else None
        if key is not None and SURFACE in ns.classes[key]["mro"]:
            return names.pop(), f.attr, key
    return None


def surface_point_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    m = ATTR_ERROR.search(message)
    tree = parse(source)
    if tree is None or line is None:
        return None
    if m is not None:
        cls, attr = m.groups()
        key = ns.class_key(cls) or manim_base(tree, cls, ns)
    elif _GETTER in message and (called := _getter_call(tree, line, ns)) is not None:
        cls, attr, key = called
    else:
        return None
    if "point" not in attr.lower() or key is None or SURFACE not in ns.classes[key]["mro"]:
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
