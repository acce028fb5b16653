"""An argument of the wrong kind at its position, where what was meant is plain:

- coordinates spread over a point and the parameter after it: ``Point(x, y)`` (manim's
  ``Point(location, color)`` takes ``y`` for a colour) -> ``Point([x, y, 0])``, when the class's
  first parameter is a point and its second a colour (the namespace index says);
- a colour where a direction goes: ``label.next_to(m, BLACK)`` (a colour is no direction: numpy
  fails comparing it) -> the colour dropped, so the method's default direction applies, when every
  manim method of that name takes a vector at that position.

Both fail inside manim (the colour's check, numpy); both are verified by the next run."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..namespace import Namespace
from .arguments import a_colour
from .edit import Cure, call_name, rewrite_failing
from .points import numeric

_POINT = re.compile(r"Point3D(Like)?")


def _a_coordinate(node: ast.expr, ns: Namespace) -> bool:
    """An expression that can be a number: no colour, nor a mobject made there."""
    return numeric(node) and not a_colour(node, ns) and not any(
        isinstance(n, ast.Call) and call_name(n)[:1].isupper() for n in pyparse.walk(node))


def spread_point_cure(source: str, line: int | None, ns: Namespace) -> Cure | None:
    # what fails depends on the coordinate read as a colour (an int, a float): no one message
    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) in (2, 3)
                    and all(_a_coordinate(a, ns) for a in node.args)):
                continue
            key = ns.class_key(node.func.id)
            init = ns.method(key, "__init__") if key else None
            params = init.positional if init else ()
            if len(params) < 2 or not _POINT.fullmatch(init.annotation(params[0]) or "") or "Color" not in (
                    init.annotation(params[1]) or ""):
                continue  # (a field's function of points, VectorField(func, color), is no point)
            given = ", ".join(ast.unparse(a) for a in node.args)
            node.args = [ast.List(elts=[*node.args, *([ast.Constant(0)] if len(node.args) == 2 else [])],
                                  ctx=ast.Load())]
            done.append(f"{node.func.id}({given}) -> {node.func.id}({ast.unparse(node.args[0])}): "
                        f"it takes one point ({params[0]}), then {params[1]}")
        return done

    return rewrite_failing(source, line, change, "spread point", "point_2d")


def _takes_a_vector_at(ns: Namespace, method: str, index: int) -> str | None:
    """The parameter every manim method named ``method`` has at position ``index``, when each
    annotates it as a vector (a direction); else None."""
    names = set()
    for sig in ns.signatures_named(method):
        params = sig.positional
        if index >= len(params) or "Vector3D" not in (sig.annotation(params[index]) or ""):
            return None
        names.add(params[index])
    return names.pop() if len(names) == 1 else None


def colour_as_direction_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    if "ManimColor" not in message:
        return None

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args
                    and a_colour(node.args[-1], ns)):
                continue
            param = _takes_a_vector_at(ns, node.func.attr, len(node.args) - 1)
            if param is None:
                continue
            colour = node.args.pop()
            done.append(f".{node.func.attr}(..., {ast.unparse(colour)}): a colour where the {param} goes -> "
                        f"dropped (the default {param})")
        return done

    return rewrite_failing(source, line, change, "colour as direction", "dropped_argument")
