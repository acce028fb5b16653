"""A mobject used as the point where it is: ``dot.move_to(block + RIGHT)``,
``Arrow(ORIGIN, UP + square)``. Manim's mobjects do not add to vectors (``Mobject.__add__``
raises ``NotImplementedError``; numpy says "unsupported operand" or reads the mobject as a
nested sequence); the only thing a mobject plus a vector can mean is its centre moved, so the
mobject becomes ``mob.get_center()`` where it is added to or subtracted from something that is
surely a point."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, call_name, chain_root, failing_statement, replace_statement
from .points import bound_values, pointlike

# Mobject.__add__ (no message); a number or vector on the left: numpy's "unsupported operand",
# or it reads the mobject as a nested sequence
_SIGNS = re.compile(r"^$|unsupported operand type\(s\) for [+-]|setting an array element with a sequence")


def _mobject_names(values: dict[str, list[ast.AST]], ns: Namespace) -> set[str]:
    """Names bound once, to a manim mobject made in place (``Square(...)``, ``Dot().shift(UP)``)."""
    base = ns.class_key("Mobject")
    out = set()
    for name, bound in values.items():
        if len(bound) != 1:
            continue
        node = chain_root(bound[0])
        key = ns.class_key(call_name(node)) if isinstance(node, ast.Call) else None
        if key is not None and base is not None and base in ns.classes[key]["mro"]:
            out.add(name)
    return out


def mobject_point_cure(source: str, error_type: str, message: str, line: int | None,
                       ns: Namespace) -> Cure | None:
    if error_type not in ("NotImplementedError", "TypeError", "ValueError") or not _SIGNS.search(message.strip()):
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    values = bound_values(tree)
    mobjects = _mobject_names(values, ns)
    new = pyparse.clone(stmt)
    done: list[str] = []

    def centre(node: ast.expr, other: ast.expr) -> ast.expr:
        if isinstance(node, ast.Name) and node.id in mobjects and pointlike(other, values):
            done.append(node.id)
            return ast.Call(ast.Attribute(ast.Name(node.id, ast.Load()), "get_center", ast.Load()), [], [])
        return node

    for node in pyparse.walk(new):
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            node.left, node.right = centre(node.left, node.right), centre(node.right, node.left)
    if not done:
        return None
    names = ", ".join(dict.fromkeys(done))
    return Cure("mobject as a point", replace_statement(source, stmt, new),
                [Fix(stmt.lineno, "point_2d", f"{names} (a mobject) added to a point -> "
                     f"its .get_center()")])
