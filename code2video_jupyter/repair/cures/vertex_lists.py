"""A list of points given as one argument to a class that takes each point as its own:
``Polygon([[0, 0, 0], [1, 0, 0], [0, 1, 0]])`` or ``Polygon(corners)`` where manim's
signature is ``Polygon(*vertices)``. numpy then fails to make one point of the list. The list
is unpacked (``Polygon(*corners)``). The classes are those whose constructor takes points as
``*args`` in the namespace index (Polygon, ArcPolygon, ConvexHull...)."""

from __future__ import annotations

import ast

from ... import pyparse
from ..namespace import Namespace
from .edit import Cure, call_name, rewrite_failing

_SHAPE_ERROR = ("setting an array element with a sequence", "inhomogeneous", "could not broadcast",
                "only length-1 arrays")


def _takes_points_as_args(name: str, ns: Namespace) -> bool:
    key = ns.class_key(name)
    init = ns.method(key, "__init__") if key else None
    return init is not None and init.varargs in ("vertices", "points")


def _a_point(node: ast.expr, ns: Namespace) -> bool:
    """A literal that is one point (``[1, 0, 0]``, ``UP * 2``), not a list of them: more than
    three coordinates, or a coordinate that is a point itself (``axes.c2p(0, 0)``), make a list
    of points."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return len(node.elts) <= 3 and not any(
            isinstance(e, (ast.List, ast.Tuple, ast.ListComp)) or _gives_a_point(e, ns) for e in node.elts)
    return isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Constant))


def _gives_a_point(node: ast.expr, ns: Namespace) -> bool:
    """A call of a method that the manim classes having it declare to return a point (those
    that declare a type other than Any)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    returns = ns.returns(node.func.attr)
    return bool(returns) and returns <= {"Point3D", "np.ndarray"}


def vertex_list_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    if not any(s in message for s in _SHAPE_ERROR):
        return None

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            if (isinstance(node, ast.Call) and len(node.args) == 1 and not isinstance(node.args[0], ast.Starred)
                    and not _a_point(node.args[0], ns) and _takes_points_as_args(call_name(node), ns)):
                arg, name = node.args[0], call_name(node)
                given = ast.unparse(arg) if len(ast.unparse(arg)) <= 30 else "[...]"
                node.args = list(arg.elts) if isinstance(arg, ast.List) else [ast.Starred(arg, ast.Load())]
                done.append(f"{name}({given}) -> {name}(*{given}): it takes each point as its own argument")
        return done

    return rewrite_failing(source, line, change, "point list", "unpacked_points")
