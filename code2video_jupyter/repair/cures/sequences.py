"""A list (or tuple) used as a vector: ``[1, 2, 0] * 0.5``, ``coefficients[:i] * x``,
``start + [1, 0, 0]``. Python multiplies sequences by ints only and concatenates lists; the
program meant numpy arithmetic. The cure wraps the literal (or the one assignment of the
name) in ``np.array(...)``."""

from __future__ import annotations

import ast
import copy
import re

from ..static_fixes import Fix
from .edit import COMPOUND, Cure, failing_statement, replace_statements

SIGNS = (r"can't multiply sequence by non-int", r"unsupported operand type\(s\) for .*'(list|tuple)'",
         r"can only concatenate (list|tuple)", r"bad operand type for unary -: '(list|tuple)'")


def is_sequence_error(message: str) -> bool:
    return any(re.search(s, message) for s in SIGNS)


def _wrap(node: ast.AST) -> ast.Call:
    return ast.Call(func=ast.Attribute(value=ast.Name("np", ast.Load()), attr="array", ctx=ast.Load()),
                    args=[node], keywords=[])


class _WrapLiterals(ast.NodeTransformer):
    """List/tuple literals that are an operand of arithmetic."""

    def __init__(self) -> None:
        self.count = 0

    def _operand(self, node: ast.AST) -> ast.AST:
        if isinstance(node, (ast.List, ast.Tuple, ast.ListComp)):
            self.count += 1
            return _wrap(node)
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
            node.left, node.right = self._operand(node.left), self._operand(node.right)
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.USub):
            node.operand = self._operand(node.operand)
        return node


def sequence_cure(source: str, line: int | None) -> Cure | None:
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    edits: list[tuple[ast.stmt, ast.AST, str]] = []
    wrap = _WrapLiterals()
    new = wrap.visit(copy.deepcopy(stmt))
    if wrap.count:
        edits.append((stmt, new, f"{wrap.count} list(s) in arithmetic -> np.array"))
    # names in the statement's arithmetic, assigned once from a list: wrapped where assigned
    operands = {n.id for b in ast.walk(stmt) if isinstance(b, ast.BinOp)
                for n in (b.left, b.right, getattr(b.left, "value", None)) if isinstance(n, ast.Name)}
    assigned: dict[str, list[ast.Assign]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node)
    for name in sorted(operands):
        spots = assigned.get(name, [])
        if len(spots) == 1 and spots[0] is not stmt and isinstance(spots[0].value, (ast.List, ast.ListComp)) \
                and not isinstance(spots[0], COMPOUND):
            target = copy.deepcopy(spots[0])
            target.value = _wrap(target.value)
            edits.append((spots[0], target, f"{name} = [...] -> np.array([...]) (used as a vector)"))
    if not edits:
        return None
    fixes = [Fix(old.lineno, "point_2d", what) for old, _, what in sorted(edits, key=lambda e: e[0].lineno)]
    return Cure("list as vector", replace_statements(source, [(old, node) for old, node, _ in edits]), fixes)


ARRAY_ARGS = (r"Cannot interpret '.*' as a data type", r"data type .* not understood",
              r"array\(\) takes from 1 to 2 positional arguments")


class _ArrayOfArgs(ast.NodeTransformer):
    """``np.array(0, 1)`` -> ``np.array([0, 1])``: the coordinates were meant as one list (the
    second positional argument of np.array is the dtype)."""

    def __init__(self) -> None:
        self.count = 0

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        f = node.func
        if (isinstance(f, ast.Attribute) and f.attr == "array" and isinstance(f.value, ast.Name)
                and f.value.id in ("np", "numpy") and len(node.args) >= 2
                and not any(isinstance(a, ast.Starred) for a in node.args)
                and not any(k.arg == "dtype" for k in node.keywords)):
            node.args = [ast.List(elts=node.args, ctx=ast.Load())]
            self.count += 1
        return node


def array_args_cure(source: str, message: str, line: int | None) -> Cure | None:
    if not any(re.search(s, message) for s in ARRAY_ARGS):
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    _, stmt = found
    fixer = _ArrayOfArgs()
    new = fixer.visit(copy.deepcopy(stmt))
    if not fixer.count:
        return None
    return Cure("np.array of separate numbers", replace_statements(source, [(stmt, new)]),
                [Fix(stmt.lineno, "point_2d", f"{fixer.count} np.array(a, b, ...) -> np.array([a, b, ...])")])
