"""A list (or tuple) used as a vector: ``[1, 2, 0] * 0.5``, ``coefficients[:i] * x``,
``start + [1, 0, 0]``. Python multiplies sequences by ints only and concatenates lists; the
program meant numpy arithmetic. The cure wraps the literal (or the one assignment of the
name) in ``np.array(...)``."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..static_fixes import Fix
from .edit import COMPOUND, Cure, enclosing_function, failing_statement, replace_statements

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
    new = wrap.visit(pyparse.clone(stmt))
    if wrap.count:
        edits.append((stmt, new, f"{wrap.count} list(s) in arithmetic -> np.array"))
    # names in the statement's arithmetic, assigned once from a list: wrapped where assigned
    operands = {n.id for b in pyparse.walk(stmt) if isinstance(b, ast.BinOp)
                for n in (b.left, b.right, getattr(b.left, "value", None)) if isinstance(n, ast.Name)}
    assigned: dict[str, list[ast.Assign]] = {}
    for node in pyparse.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node)
    for name in sorted(operands):
        spots = assigned.get(name, [])
        if len(spots) == 1 and spots[0] is not stmt and isinstance(spots[0].value, (ast.List, ast.ListComp)) \
                and not isinstance(spots[0], COMPOUND):
            target = pyparse.clone(spots[0])
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
    new = fixer.visit(pyparse.clone(stmt))
    if not fixer.count:
        return None
    return Cure("np.array of separate numbers", replace_statements(source, [(stmt, new)]),
                [Fix(stmt.lineno, "point_2d", f"{fixer.count} np.array(a, b, ...) -> np.array([a, b, ...])")])


def _given_as_lists(tree: ast.Module, func: ast.FunctionDef | ast.AsyncFunctionDef, params: list[str]) -> set[str]:
    """The parameters some call of ``func`` in the file passes a list or tuple literal to."""
    offset = 1 if params[:1] in (["self"], ["cls"]) else 0
    out: set[str] = set()
    for call in pyparse.walk(tree):
        if not (isinstance(call, ast.Call) and (
                (isinstance(call.func, ast.Name) and call.func.id == func.name)
                or (offset and isinstance(call.func, ast.Attribute) and call.func.attr == func.name))):
            continue
        given = [(params[i + offset] if i + offset < len(params) else None, a) for i, a in enumerate(call.args)]
        given += [(k.arg, k.value) for k in call.keywords]
        out |= {name for name, value in given if name and isinstance(value, (ast.List, ast.Tuple))}
    return out


def parameter_vector_cure(source: str, line: int | None) -> Cure | None:
    """A function's parameter that its callers give as a list (``wavy_photon(start=[0, 0, 0])``)
    and that it uses as a vector (``interpolate(start, end, a)``, ``start * 2``): converted to an
    array where the function starts, so every caller is served."""
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    func = enclosing_function(tree, stmt)
    if func is None or not func.body or func.body[0].lineno == func.lineno:
        return None
    used = {n.id for b in pyparse.walk(stmt) if isinstance(b, (ast.BinOp, ast.Call))
            for n in ((b.left, b.right) if isinstance(b, ast.BinOp) else b.args) if isinstance(n, ast.Name)}
    params = [a.arg for a in func.args.posonlyargs + func.args.args + func.args.kwonlyargs]
    rebound = {t.id for node in pyparse.walk(func) if isinstance(node, (ast.Assign, ast.AugAssign, ast.For))
               for t in pyparse.walk(node.targets[0] if isinstance(node, ast.Assign) else node.target)
               if isinstance(t, ast.Name)}
    listed = _given_as_lists(tree, func, params)
    names = [p for p in params if p in used and p in listed and p not in rebound]
    if not names:
        return None
    first = func.body[0]
    if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)):
        if len(func.body) == 1:
            return None
        first = func.body[1]
        at = (func.body[0].end_lineno or func.body[0].lineno)  # just after the docstring
    else:
        at = first.lineno - 1
    lines = source.split("\n")
    indent = re.match(r"\s*", lines[first.lineno - 1]).group(0)
    added = [f"{indent}{n} = np.asarray({n}, dtype=float)  # fix: a point given as a list"
             for n in names]
    lines[at:at] = added
    return Cure("list parameter as vector", "\n".join(lines), [Fix(
        func.lineno, "point_2d", f"{', '.join(names)} of {func.name}() used as vectors: "
        f"converted to arrays where it starts (callers pass lists)")])
