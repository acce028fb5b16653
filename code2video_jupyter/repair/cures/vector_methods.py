"""A point used as a vector object of another library (pygame's ``Vector2``, sympy, game
engines): ``a.distance(b)``, ``v.length()``, ``v.normalize()``, ``p.x``. In manim a point is a
numpy array (``'numpy.ndarray' object has no attribute 'distance'``); each becomes what numpy
or manim's space_ops computes for it: in the failing statement, and wherever else the file
calls it on a name surely bound to a point (one step, not one run per use)."""

from __future__ import annotations

import ast

from ... import pyparse
from .edit import (
    Cure,
    StatementFixer,
    replace_statements,
    rewrite_each,
    simple_statements,
    statement_at,
)
from .points import bound_values, pointlike

_NDARRAY = "'numpy.ndarray' object has no attribute '"
# method -> template ({0}: the point, {1}: the argument); no argument unless {1} is there
_CALLS = {
    "distance": "np.linalg.norm({1} - {0})", "distance_to": "np.linalg.norm({1} - {0})",
    "dist": "np.linalg.norm({1} - {0})",
    "length": "np.linalg.norm({0})", "norm": "np.linalg.norm({0})",
    "magnitude": "np.linalg.norm({0})", "mag": "np.linalg.norm({0})",
    "normalize": "normalize({0})", "normalized": "normalize({0})", "unit": "normalize({0})",
    "cross": "np.cross({0}, {1})",
    "angle_to": "angle_between_vectors({0}, {1})", "angle_between": "angle_between_vectors({0}, {1})",
    "rotate": "rotate_vector({0}, {1})", "rotated": "rotate_vector({0}, {1})",
}
_COORDS = {"x": 0, "y": 1, "z": 2}


class _VectorMethods(StatementFixer):
    category = "vector_method"

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        func = node.func
        template = _CALLS.get(self.name)
        if not (isinstance(func, ast.Attribute) and func.attr == self.name and template
                and not node.keywords and len(node.args) == template.count("{1}")):
            return node
        args = [ast.unparse(func.value), *(ast.unparse(a) for a in node.args)]
        new = template.format(*(f"({a})" if not _simple(a) else a for a in args))
        self.fixes.append(f"{args[0]}.{self.name}(...) -> {new} (a point is a numpy array)")
        return ast.copy_location(pyparse.parse(new, mode="eval").body, node)

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        if node.attr == self.name and self.name in _COORDS and isinstance(node.ctx, ast.Load):
            self.fixes.append(f"{ast.unparse(node.value)}.{self.name} -> [{_COORDS[self.name]}] (a point is a numpy array)")
            return ast.copy_location(ast.Subscript(value=node.value, slice=ast.Constant(_COORDS[self.name]),
                                                   ctx=ast.Load()), node)
        return node


def _simple(text: str) -> bool:
    return text.isidentifier() or text.replace(".", "").isidentifier()


def vector_method_cure(source: str, message: str, line: int | None) -> Cure | None:
    if _NDARRAY not in message or line is None:
        return None
    name = message.split(_NDARRAY, 1)[1].split("'", 1)[0]
    if name not in _CALLS and name not in _COORDS:
        return None
    tree = pyparse.parse(source)
    stmt = statement_at(tree, line)
    if stmt is None:
        return None
    # the failing statement, and the others that call it on a name surely bound to a point
    values = bound_values(tree)
    stmts = [stmt] + [s for s in simple_statements(tree) if s is not stmt and any(
        isinstance(n, ast.Attribute) and n.attr == name and isinstance(n.value, ast.Name)
        and pointlike(n.value, values) for n in pyparse.walk(s))]

    def change(new: ast.stmt) -> list[str]:
        fixer = _VectorMethods(name)
        fixer.visit(new)
        return fixer.fixes

    edits, fixes = rewrite_each(stmts, change, _VectorMethods.category)
    if not edits:
        return None
    return Cure("point as a vector object", replace_statements(source, edits), fixes)
