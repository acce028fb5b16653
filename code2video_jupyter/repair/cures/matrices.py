"""Matrices used as numbers.

A ``Matrix`` mobject used as the numbers it shows: ``A = Matrix([[2, 1], [1, 1]])`` and then
``grid.apply_matrix(A)`` or ``ApplyMatrix(A, mob)``. Manim's Matrix is a drawing of a table of
entries; numpy cannot read it as numbers ("inhomogeneous shape", "unsupported operand"). Where
the matrix is used as numbers, the values it was made from are passed instead:
``apply_matrix(np.array([[2, 1], [1, 1]]))``; the drawing stays what it was elsewhere.

A 2x2 matrix applied to a manim point, which has three coordinates (``A @ point`` in a
function given to ``apply_function``): it maps the plane, so it gets x and y (``PlanarMatrix``)."""

from __future__ import annotations

import ast

from ... import pyparse
from ..static_fixes import Fix
from .edit import (
    Cure,
    StatementFixer,
    call_name,
    chain_root,
    failing_statement,
    parse,
    replace_statement,
    rewrite,
)
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


_MATMUL_3_ON_2 = ("Input operand 1 has a mismatch in its core dimension 0", "(size 3 is different from 2)")
_DOT_3_ON_2 = "not aligned: 2 (dim 1) != 3 (dim 0)"


class PlanarMatrix(StatementFixer):
    """``A @ point`` (or ``np.dot(A, point)``, ``A.dot(point)``) with a 2x2 ``A`` and a manim
    point, which has three coordinates: the matrix maps the plane, so it is applied to x and y
    and z is kept, ``np.append(A @ point[:2], point[2:])``. Only a plain name (or attribute) is
    taken as the point: it is read twice."""

    category = "point_2d"

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.MatMult) and _plain(node.right):
            return self._planar(node.left, node.right, lambda m, p: ast.BinOp(m, ast.MatMult(), p))
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if call_name(node) == "dot" and not node.keywords:
            if isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value) in ("np", "numpy") \
                    and len(node.args) == 2 and _plain(node.args[1]):
                func = node.func
                return self._planar(node.args[0], node.args[1],
                                    lambda m, p: ast.Call(func, [m, p], []))
            if isinstance(node.func, ast.Attribute) and len(node.args) == 1 and _plain(node.args[0]):
                owner = node.func.value
                return self._planar(owner, node.args[0],
                                    lambda m, p: ast.Call(ast.Attribute(m, "dot", ast.Load()), [p], []))
        return node

    def _planar(self, matrix: ast.expr, point: ast.expr, apply) -> ast.expr:
        def part(sl: ast.Slice) -> ast.expr:
            array = ast.Call(ast.Attribute(ast.Name("np", ast.Load()), "asarray", ast.Load()),
                             [pyparse.clone(point)], [])
            return ast.Subscript(array, sl, ast.Load())

        xy = part(ast.Slice(None, ast.Constant(2), None))
        z = part(ast.Slice(ast.Constant(2), None, None))
        self.fixes.append(f"{ast.unparse(matrix)} (2x2) applied to the point {ast.unparse(point)}'s "
                          "x and y, its z kept (a manim point has three coordinates)")
        return ast.Call(ast.Attribute(ast.Name("np", ast.Load()), "append", ast.Load()),
                        [apply(matrix, xy), z], [])


def _plain(node: ast.expr) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute))


def planar_matrix_cure(source: str, message: str, line: int | None) -> Cure | None:
    """A 2x2 matrix applied to a three-coordinate point (numpy: "mismatch in its core
    dimension 0 ... (size 3 is different from 2)", or "shapes (2,2) and (3,) not aligned")."""
    if not (all(m in message for m in _MATMUL_3_ON_2) or _DOT_3_ON_2 in message):
        return None
    tree = parse(source)
    if tree is None or line is None:
        return None
    return rewrite(source, tree, line, PlanarMatrix(), "2x2 matrix on a 3-D point")
