"""The last resort of a repair without a model: a call statement that fails on an API manim does
not have (an invented method, a class that does not exist, a getter called with arguments) is
commented out, so the rest of the scene runs. It is lossy, so it is never the first choice: the
loop tries it only when no faithful cure applies and no model call is left (the pipeline would
otherwise show the compiled fallback card instead of the Coder's scene), and `code2video fix`
only with --allow-removals. Every removal is reported with the line, the code and the error,
and the code stays in the file as a comment.

Only a bare call statement is removed (``obj.method(...)``, ``self.play(...)``): its value is
bound to no name, so no later line can depend on it directly. An assignment is never removed,
nor a ``wait``; and only for an error that names an API manim lacks, named in the statement
itself (an error about values, a shape or a type of data, is not answered by a removal).
"""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..fixes import Fix
from .edit import Cure, failing_statement

MARK = "# c2v removed"  # how a removed statement reads in the file (and is counted)
MAX_REMOVALS = 4  # beyond this the scene is more comment than code: leave it to a model
# Errors that name an API manim does not have: an attribute, a name, a getter or setter that
# manim's Mobject.__getattr__ made up for an invented get_/set_ method. Errors about values
# (shapes, types of data) are not: removing a statement does not answer them, it hides them.
MADE_UP_ACCESSOR = re.compile(r"__getattr__\.<locals>\.(?:getter|setter)\(\)")
MISSING = (re.compile(r"has no attribute '(\w+)'"), re.compile(r"name '(\w+)' is not defined"),
           MADE_UP_ACCESSOR)


def removals(source: str) -> int:
    return sum(1 for ln in source.split("\n") if MARK in ln and ln.lstrip().startswith("pass"))


def _missing_name(error_type: str, message: str) -> str | None:
    """The invented name the error is about ("" for a made-up getter/setter), or None."""
    if error_type not in ("AttributeError", "NameError", "TypeError"):
        return None
    for pattern in MISSING:
        m = pattern.search(message)
        if m:
            return m.group(1) if pattern.groups else ""
    return None


def removal_cure(source: str, error_type: str, message: str, line: int | None) -> Cure | None:
    """Comment out the bare call statement that raised, or None when that is not safe."""
    name = _missing_name(error_type, message)
    if name is None or removals(source) >= MAX_REMOVALS:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    _, stmt = found
    if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
        return None
    code = ast.get_source_segment(source, stmt) or ""
    if name and not re.search(rf"\b{re.escape(name)}\b", code):
        return None  # the name is used elsewhere (a helper it calls): not this statement's
    call = stmt.value.func
    if isinstance(call, ast.Attribute) and call.attr == "wait":
        return None  # a wait raises for its updaters; removing it removes the time they run
    why = f"{error_type}: {message.splitlines()[0] if message else ''}"[:160]
    text = comment_out_call(source, stmt, why)
    if text is None:
        return None
    snippet = source.split("\n")[stmt.lineno - 1].strip()[:100]
    return Cure("removal", text, [Fix(stmt.lineno, "removed_statement",
                                      f"line {stmt.lineno}: `{snippet}` commented out ({why})")])


def comment_out_call(source: str, stmt: ast.stmt, why: str) -> str | None:
    """``stmt`` (a bare call) made ``pass  # c2v removed (why): ...`` and its other lines
    comments, as many lines as before; None when another statement shares its lines."""
    lines = source.split("\n")
    first, last = stmt.lineno - 1, (stmt.end_lineno or stmt.lineno) - 1
    indent = re.match(r"\s*", lines[first]).group(0)
    if stmt.col_offset != len(indent) or (stmt.end_col_offset or 0) < len(lines[last].rstrip()):
        return None  # another statement shares its lines (``a(); b()``): not only this one
    # as many lines as before: later lines keep their numbers (and the next error its line)
    lines[first:last + 1] = [f"{indent}pass  {MARK} ({why}): {lines[first].strip()}"] + [
        f"{indent}# {ln.strip()}" for ln in lines[first + 1:last + 1]]
    text = "\n".join(lines)
    try:
        pyparse.parse(text)
    except SyntaxError:
        return None
    return text
