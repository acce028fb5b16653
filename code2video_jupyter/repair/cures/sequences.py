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
