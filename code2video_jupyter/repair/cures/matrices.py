"""A ``Matrix`` mobject used as the numbers it shows: ``A = Matrix([[2, 1], [1, 1]])`` and then
``grid.apply_matrix(A)`` or ``ApplyMatrix(A, mob)``. Manim's Matrix is a drawing of a table of
entries; numpy cannot read it as numbers ("inhomogeneous shape", "unsupported operand"). Where
the matrix is used as numbers, the values it was made from are passed instead:
``apply_matrix(np.array([[2, 1], [1, 1]]))``; the drawing stays what it was elsewhere."""

from __future__ import annotations

import ast

from ... import pyparse
from ..static_fixes import Fix
from .edit import Cure, call_name, chain_root, failing_statement, replace_statement
from .points import bound_values

# Calls that read their first argument as a matrix of numbers
_NUMERIC_USES = frozenset({"apply_matrix", "ApplyMatrix", "ApplyMatrixToPoints"})


def _made_from(value: ast.AST) -> ast.expr | None:
    """The values of ``Matrix(values, ...)``, also at the start of a chain
    (``Matrix(values).set_color(GREEN)``)."""
    node = chain_root(value)
    if isinstance(node, ast.Call) and call_name(node) == "Matrix" and node.args:
        arg = node.args[0]
        if isinstance(arg, (ast.List, ast.Tuple, ast.Name)):
            return arg
    return None


def matrix_values_cure(source: str, line: int | None) -> Cure | None:
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    values = bound_values(tree)
    new = pyparse.clone(stmt)
    done: list[str] = []

    def numbers(node: ast.expr) -> ast.expr | None:
        if not isinstance(node, ast.Name) or len(values.get(node.id, [])) != 1:
            return None
        made = _made_from(values[node.id][0])
        if made is None or (isinstance(made, ast.Name) and len(values.get(made.id, [])) != 1):
            return None
        done.append(f"{node.id} (a Matrix mobject) read as numbers -> np.array({ast.unparse(made)})")
        return ast.Call(func=ast.Attribute(ast.Name("np", ast.Load()), "array", ast.Load()),
                        args=[pyparse.clone(made)], keywords=[])

    for node in pyparse.walk(new):
        if isinstance(node, ast.Call) and call_name(node) in _NUMERIC_USES:
            if node.args and (arr := numbers(node.args[0])) is not None:
                node.args[0] = arr
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            if (arr := numbers(node.left)) is not None:
                node.left = arr
            if (arr := numbers(node.right)) is not None:
                node.right = arr
    if not done:
        return None
    return Cure("matrix mobject as numbers", replace_statement(source, stmt, new),
                [Fix(stmt.lineno, "point_2d", "; ".join(dict.fromkeys(done)))])
