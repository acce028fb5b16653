"""The last resort of a repair without a model: a call statement that fails on an API manim does
not have (an invented method, a class that does not exist, a getter called with arguments) is
commented out, so the rest of the scene runs. It is lossy, so it is never the first choice: the
loop tries it only when no faithful cure applies and no model call is left (the pipeline would
otherwise show the compiled fallback card instead of the Coder's scene), and `code2video fix`
only with --allow-removals. Every removal is reported with the line, the code and the error,
and the code stays in the file as a comment.

Only a bare call statement is removed (``obj.method(...)``, ``self.play(...)``): its value is
bound to no name, so no later line can depend on it directly. An assignment is never removed.
"""

from __future__ import annotations

import ast
import re

from ..fixes import Fix
from .edit import Cure, failing_statement

REMOVABLE_ERRORS = ("AttributeError", "NameError", "TypeError", "ValueError", "KeyError",
                    "IndexError", "NotImplementedError")
MARK = "# c2v removed"  # how a removed statement reads in the file (and is counted)
MAX_REMOVALS = 4  # beyond this the scene is more comment than code: leave it to a model


def removals(source: str) -> int:
    return sum(1 for ln in source.split("\n") if ln.lstrip().startswith(MARK))


def removal_cure(source: str, error_type: str, message: str, line: int | None) -> Cure | None:
    """Comment out the bare call statement that raised, or None when that is not safe."""
    if error_type not in REMOVABLE_ERRORS or removals(source) >= MAX_REMOVALS:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    _, stmt = found
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return None
    lines = source.split("\n")
    first, last = stmt.lineno - 1, (stmt.end_lineno or stmt.lineno) - 1
    indent = re.match(r"\s*", lines[first]).group(0)
    if stmt.col_offset != len(indent) or (stmt.end_col_offset or 0) < len(lines[last].rstrip()):
        return None  # another statement shares its lines (``a(); b()``): not only this one
    why = f"{error_type}: {message.splitlines()[0] if message else ''}"[:160]
    # as many lines as before: later lines keep their numbers (and the next error its line)
    lines[first:last + 1] = [f"{indent}pass  {MARK} ({why}): {lines[first].strip()}"] + [
        f"{indent}# {ln.strip()}" for ln in lines[first + 1:last + 1]]
    text = "\n".join(lines)
    try:
        ast.parse(text)
    except SyntaxError:
        return None
    snippet = source.split("\n")[first].strip()[:100]
    return Cure("removal", text, [Fix(stmt.lineno, "removed_statement",
                                      f"line {stmt.lineno}: `{snippet}` commented out ({why})")])
