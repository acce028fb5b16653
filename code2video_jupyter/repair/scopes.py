"""Fix scopes: the failing line, its lecture-line block, the whole section.

Found with ``ast`` from the line an error points at; a scope's text is spliced back in place
of its lines after a fix, re-indented to where it was."""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from typing import Literal

from .. import pyparse

ScopeKind = Literal["line", "block", "section"]
LEVELS: tuple[ScopeKind, ...] = ("line", "block", "section")
LABELS = {"line": "the failing statement", "block": "the lecture-line block",
          "section": "the construct() method"}


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    start: int  # 1-based, inclusive
    end: int
    text: str

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    def numbered(self) -> str:
        return "\n".join(f"{self.start + i:4d} | {ln}" for i, ln in enumerate(self.text.split("\n")))


def _is_line_block(node: ast.AST) -> bool:
    """``with self.line(k):`` -- the lecture-line block of the scaffold."""
    if not isinstance(node, ast.With):
        return False
    for item in node.items:
        call = item.context_expr
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "line" and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "self"):
            return True
    return False


def scopes_for(source: str, line: int) -> dict[ScopeKind, Scope]:
    """The scopes around a line (a level is missing when it does not exist there)."""
    tree = pyparse.parse(source)
    lines = source.split("\n")

    def make(kind: ScopeKind, node: ast.AST) -> Scope:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        end = node.end_lineno or node.lineno
        return Scope(kind, start, end, "\n".join(lines[start - 1:end]))

    out: dict[ScopeKind, Scope] = {}
    chain: list[ast.AST] = []

    def visit(node: ast.AST, parents: list[ast.AST]) -> None:
        nonlocal chain
        for child in ast.iter_child_nodes(node):
            if hasattr(child, "lineno") and child.lineno <= line <= (child.end_lineno or child.lineno):
                chain = [*parents, child]
                visit(child, [*parents, child])

    visit(tree, [])
    stmts = [n for n in chain if isinstance(n, ast.stmt)]
    simple = [n for n in stmts if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                     ast.ClassDef, ast.With, ast.For, ast.While,
                                                     ast.If, ast.Try))]
    if simple:
        out["line"] = make("line", simple[0])
    elif stmts and not isinstance(stmts[-1], (ast.FunctionDef, ast.ClassDef)):
        out["line"] = make("line", stmts[-1])
    blocks = [n for n in stmts if _is_line_block(n)]
    funcs = [n for n in stmts if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if blocks:
        out["block"] = make("block", blocks[-1])
    elif funcs:  # plain manim scenes: the outermost compound statement inside the method
        inner = [n for n in stmts[stmts.index(funcs[-1]) + 1:] if not isinstance(n, ast.Expr)]
        compound = [n for n in inner if isinstance(n, (ast.With, ast.For, ast.While, ast.If, ast.Try))]
        if compound:
            out["block"] = make("block", compound[0])
    if funcs:
        out["section"] = make("section", funcs[-1])
    return out


def splice(source: str, scope: Scope, replacement: str) -> str:
    """Put replacement where the scope was, indented like the scope's first line."""
    lines = source.split("\n")
    indent = re.match(r"[ \t]*", lines[scope.start - 1]).group(0)
    body = textwrap.dedent(replacement.strip("\n"))
    # A model that echoes the line numbers of the prompt ("  12 | code") gets them removed.
    if all(re.match(r"^\s*\d+ \| ", ln) or not ln.strip() for ln in body.split("\n")):
        body = "\n".join(re.sub(r"^\s*\d+ \| ?", "", ln) for ln in body.split("\n"))
        body = textwrap.dedent(body)
    new = [indent + ln if ln.strip() else "" for ln in body.split("\n")]
    return "\n".join(lines[:scope.start - 1] + new + lines[scope.end:])
