"""The top level of a scene file, edited as text: where imports go (after a docstring and
``__future__`` imports), what a docstring is, what the file's own launcher looks like. Every
fixer that adds an import or moves a definition to the top level uses these."""

from __future__ import annotations

import ast

from .. import pyparse


def is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def is_main_guard(node: ast.stmt) -> bool:
    """``if __name__ == "__main__":``"""
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
            and {ast.unparse(test.left), ast.unparse(test.comparators[0])} == {"__name__", "'__main__'"})


def add_imports(source: str, lines: list[str]) -> str:
    """Put imports after a module docstring and __future__ imports, in front of the code."""
    out = source.split("\n")
    at = 0
    try:
        tree = pyparse.parse_shared(source)
        for node in tree.body:
            if is_docstring(node) or (isinstance(node, ast.ImportFrom) and node.module == "__future__"):
                at = node.end_lineno or at
            else:
                break
    except SyntaxError:
        pass
    return "\n".join(out[:at] + lines + out[at:])


def dedent_lines(lines: list[str], cut: int) -> list[str]:
    """``lines`` with the first ``cut`` columns taken off where they are blank (a line indented
    less, inside a string say, keeps its text)."""
    return [ln[cut:] if ln[:cut].strip() == "" else ln for ln in lines]


def span(node: ast.stmt) -> tuple[int, int]:
    """A statement's first and last line, its decorators included (1-based)."""
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)]), node.end_lineno or node.lineno
