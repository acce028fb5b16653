"""``self.embed()`` (or ``interactive_embed()``): ManimGL's drop into an IPython shell at that
point of the scene, which 3b1b's scenes end with and models copy. A render has no shell to
open; Manim Community asserts the OpenGL renderer and stops. The call is made a comment, which
is what ManimGL does with it when it renders without ``-e``."""

from __future__ import annotations

import ast

from ... import pyparse
from ..fixes import Fix
from .edit import Cure, comment_out, failing_statement, parse

_SHELLS = frozenset({"embed", "interactive_embed"})


def _is_shell_call(stmt: ast.stmt) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr in _SHELLS
            and isinstance(stmt.value.func.value, ast.Name) and stmt.value.func.value.id == "self")


def interactive_shell_cure(source: str, line: int | None) -> Cure | None:
    found = failing_statement(source, line)
    if found is None or not _is_shell_call(found[1]):
        return None
    tree = parse(source)
    calls = [s for s in pyparse.walk(tree) if isinstance(s, ast.stmt) and _is_shell_call(s)] if tree else []
    text = source
    for stmt in sorted(calls, key=lambda s: s.lineno, reverse=True):  # bottom up: lines stay right
        code = ast.get_source_segment(source, stmt) or ast.unparse(stmt)
        text = comment_out(text, tree, stmt, f"{code}  # an interactive shell: a render has none")
    return Cure("interactive shell", text,
                [Fix(s.lineno, "removed_call", f"commented out {ast.unparse(s)} (an interactive "
                     "shell, which a render does not open)") for s in calls])
