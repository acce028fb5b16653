"""Editing one statement of a scene: find the statement a traceback line points at, rewrite it
with an AST transformer, put it back in place (the rest of the file keeps its text)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ... import pyparse
from ..fixes import Fix
from ..module_text import add_imports
from ..text_fixes import statement_lists

COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.With, ast.AsyncWith,
            ast.For, ast.AsyncFor, ast.If, ast.While, ast.Try, ast.Match)


@dataclass
class Cure:
    """One candidate repair for a runtime error: the whole new source and what it changed."""

    name: str  # the class of cure ("unknown keyword", "2-D point", ...): a rollback skips it
    source: str
    fixes: list[Fix] = field(default_factory=list)


class StatementFixer(ast.NodeTransformer):
    category = ""

    def __init__(self) -> None:
        self.fixes: list[str] = []


def parse(source: str) -> ast.Module | None:
    try:
        return pyparse.parse_shared(source)
    except SyntaxError:
        return None


def statement_at(tree: ast.Module, line: int) -> ast.stmt | None:
    """The innermost simple statement that spans ``line``."""
    best = None
    for node in pyparse.walk(tree):
        if (isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or node.lineno)
                and not isinstance(node, COMPOUND)
                and (best is None or node.lineno >= best.lineno)):
            best = node
    return best


def failing_statement(source: str, line: int | None) -> tuple[ast.Module, ast.stmt] | None:
    """The parsed module and the statement a run's error points at, if both exist."""
    tree = parse(source)
    if tree is None or line is None:
        return None
    stmt = statement_at(tree, line)
    return (tree, stmt) if stmt is not None else None


def replace_names(source: str, spans: list[tuple[int, int, str, str]]) -> str:
    """Names replaced in the text itself, where no statement can be rewritten whole (an ``if``
    header, a call the gate has not seen yet): each span is (line, column where the name
    starts, old name, new name), the column in UTF-8 bytes as the AST counts it. A span whose
    text is not the old name is left alone; bottom up and right to left, so the others stay
    right."""
    lines = source.split("\n")
    for row, col, old, new in sorted(spans, reverse=True):
        raw = lines[row - 1].encode()
        if raw[col:col + len(old.encode())] == old.encode():
            lines[row - 1] = (raw[:col] + new.encode() + raw[col + len(old.encode()):]).decode()
    return "\n".join(lines)


def rewrite_headers(source: str, tree: ast.AST, change: Callable[[ast.expr], tuple[ast.expr, list[str]]],
                    category: str) -> tuple[str, list[Fix]]:
    """``change`` (a copy of the expression -> its replacement and what it did) applied to each
    one-line block header, edited in the text itself (the block's body keeps its text)."""
    lines = source.split("\n")
    fixes: list[Fix] = []
    for expr in sorted(pyparse.headers(tree), key=lambda e: (e.lineno, e.col_offset), reverse=True):
        if expr.end_lineno != expr.lineno or expr.end_col_offset is None:
            continue
        new, done = change(pyparse.clone(expr))
        if not done:
            continue
        raw = lines[expr.lineno - 1].encode()
        lines[expr.lineno - 1] = (raw[:expr.col_offset] + ast.unparse(new).encode()
                                  + raw[expr.end_col_offset:]).decode()
        fixes += [Fix(expr.lineno, category, d) for d in done]
    return "\n".join(lines), fixes[::-1]


def enclosing_function(tree: ast.Module, stmt: ast.stmt) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The innermost function ``stmt`` is in."""
    best = None
    for node in pyparse.walk(tree):
        if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                and node.lineno <= stmt.lineno <= (node.end_lineno or node.lineno)
                and (best is None or node.lineno > best.lineno)):
            best = node
    return best


def parent_body(tree: ast.Module, stmt: ast.stmt) -> list[ast.stmt] | None:
    """The list of statements ``stmt`` is one of (a function's body, an ``else``...)."""
    return next((body for body in statement_lists(tree) if any(s is stmt for s in body)), None)


def replace_statements(source: str, edits: list[tuple[ast.stmt, ast.AST]]) -> str:
    """Several statements replaced at once (bottom up, so the line numbers stay right)."""
    for stmt, new in sorted(edits, key=lambda e: e[0].lineno, reverse=True):
        source = replace_statement(source, stmt, new)
    return source


def replace_statement(source: str, stmt: ast.stmt, new: ast.AST, comment: str | None = None) -> str:
    """``stmt``'s lines replaced by ``new`` unparsed at the same indent (and a comment above)."""
    ast.fix_missing_locations(new)
    lines = source.split("\n")
    indent = re.match(r"\s*", lines[stmt.lineno - 1]).group(0)
    text = [indent + ln for ln in ast.unparse(new).split("\n")]
    if comment:
        text.insert(0, f"{indent}# {comment}")
    lines[stmt.lineno - 1:stmt.end_lineno] = text
    return "\n".join(lines)


def rewrite(source: str, tree: ast.Module, line: int, fixer: StatementFixer,
            name: str | None = None) -> Cure | None:
    """Apply ``fixer`` to the statement at ``line``; None when it changes nothing."""
    stmt = statement_at(tree, line)
    if stmt is None:
        return None
    new = fixer.visit(pyparse.clone(stmt))
    if not fixer.fixes:
        return None
    return Cure(name or fixer.category, replace_statement(source, stmt, new),
                [Fix(stmt.lineno, fixer.category, f) for f in fixer.fixes])


def rewrite_everywhere(source: str, tree: ast.Module, make: Callable[[], StatementFixer],
                       name: str | None = None) -> Cure | None:
    """``rewrite`` on every statement of the file, for a mistake the program makes again further
    on: one step for all of them, not a run for each. None when it changes nothing."""
    category = make().category

    def change(stmt: ast.stmt) -> list[str]:
        fixer = make()
        fixer.visit(stmt)  # (edits in place)
        return fixer.fixes

    edits, fixes = rewrite_each(simple_statements(tree), change, category)
    return Cure(name or category, replace_statements(source, edits), fixes) if edits else None


def simple_statements(tree: ast.AST) -> list[ast.stmt]:
    """Every statement of the tree that is no block (``if``, ``for``, ``def``... are not)."""
    return [n for n in pyparse.walk(tree) if isinstance(n, ast.stmt) and not isinstance(n, COMPOUND)]


def rewrite_each(stmts: list[ast.stmt], change: Callable[[ast.stmt], list[str]],
                 category: str) -> tuple[list[tuple[ast.stmt, ast.AST]], list[Fix]]:
    """A copy of each statement given to ``change``, which edits it in place and says what it
    did; the statements it changed, as edits for ``replace_statements``, and their fixes."""
    edits: list[tuple[ast.stmt, ast.AST]] = []
    fixes: list[Fix] = []
    for stmt in stmts:
        new = pyparse.clone(stmt)
        if done := change(new):
            edits.append((stmt, new))
            fixes += [Fix(stmt.lineno, category, d) for d in done]
    return edits, fixes


def rewrite_failing(source: str, line: int | None, change: Callable[[ast.stmt], list[str]], name: str,
                    category: str) -> Cure | None:
    """The failing statement given to ``change`` (as ``rewrite_each`` does), put back in place;
    None when there is none or ``change`` did nothing."""
    found = failing_statement(source, line)
    if found is None:
        return None
    edits, fixes = rewrite_each([found[1]], change, category)
    return Cure(name, replace_statements(source, edits), fixes) if edits else None


def comment_out(source: str, tree: ast.Module, stmt: ast.stmt, comment: str) -> str:
    """``stmt``'s lines replaced by ``comment`` (each of its lines made a comment), with a
    ``pass`` in front where it was the only statement of its block (which must not be empty)."""
    lines = source.split("\n")
    indent = re.match(r"\s*", lines[stmt.lineno - 1]).group(0)
    keep = "pass  " if len(parent_body(tree, stmt) or []) == 1 else ""
    text = [f"{indent}{keep if i == 0 else ''}# {ln}" for i, ln in enumerate(comment.split("\n"))]
    lines[stmt.lineno - 1:stmt.end_lineno] = text
    return "\n".join(lines)


def chain_root(node: ast.AST) -> ast.AST:
    """Where a call chain starts: ``Square(1)`` of ``Square(1).shift(UP).scale(2)``, ``m`` of
    ``m.shift(x)``; the node itself when it is no chain."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return node


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else (func.attr if isinstance(func, ast.Attribute) else "")


def with_import(cure: Cure, line: str) -> Cure:
    """``cure`` with the import line its code needs put in front (once), its fixes' lines moved
    down by the line that adds."""
    if line in cure.source.split("\n"):
        return cure
    return Cure(cure.name, add_imports(cure.source, [line]),
                [Fix(f.line + 1, f.category, f.description) for f in cure.fixes])
