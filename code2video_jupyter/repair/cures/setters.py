"""A setter manim's catch-all made up, called with more than it takes:
``polygon.set_label("Area = 1", font_size=24)``, ``axes.set_axis_orientations(UP, RIGHT)``.
Manim Community's ``Mobject.__getattr__`` answers any ``set_X`` that no class defines with a
setter of one value that stores ``X`` on the object and returns it; with one argument the call
would have run and changed nothing on screen (no manim code reads an attribute it does not
have). Called with more, it raises. The cure drops the call where that is certain, which is
what Manim Community does with it anyway: the receiver's class is known (or no manim class has
``X`` at all), neither that class nor any of its bases has ``set_X`` or ``X``, and nothing in
the file reads ``X`` back (``m.X``, ``m.get_X()``). In a chain the link goes
(``Polygon(...).set_label(...).shift(UP)`` keeps ``Polygon(...).shift(UP)``); a call that is
the whole statement becomes a comment."""

from __future__ import annotations

import ast
import copy
import re

from ..gate import known_types
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, failing_statement, parent_body, replace_statement

SETTER_ERROR = "__getattr__.<locals>.setter()"


def _all_attrs(ns: Namespace) -> set[str]:
    return set().union(*(set(c["attrs"]) | set(c["iattrs"]) for c in ns.classes.values()))


def made_up_setter_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    if SETTER_ERROR not in message:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    types = known_types(tree, ns)
    read = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Load)}
    anywhere: set[str] | None = None

    def no_op(call: ast.Call) -> bool:
        nonlocal anywhere
        method = call.func.attr  # type: ignore[union-attr]
        attr = method[len("set_"):]
        if not attr or attr in read or f"get_{attr}" in read:
            return False
        key = types.of(call.func.value)  # type: ignore[union-attr]
        if key is not None:
            return (ns.dynamic_prefix(key, method) and not ns.has_attr(key, method)
                    and not ns.has_attr(key, attr))
        anywhere = anywhere if anywhere is not None else _all_attrs(ns)
        return method not in anywhere and attr not in anywhere

    dropped: list[str] = []

    class Drop(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            self.generic_visit(node)
            if (isinstance(node.func, ast.Attribute) and node.func.attr.startswith("set_")
                    and no_op(node)):
                dropped.append(ast.unparse(node)[-80:])
                return node.func.value
            return node

    new = Drop().visit(copy.deepcopy(stmt))
    if not dropped:
        return None
    why = "manim has no such setter: Community's catch-all stores a value nothing reads"
    if isinstance(stmt, ast.Expr) and not isinstance(new.value, ast.Call):
        # the call was the whole statement: nothing of it is left to run
        lines = source.split("\n")
        indent = re.match(r"\s*", lines[stmt.lineno - 1]).group(0)
        body = parent_body(tree, stmt) or []
        keep = "pass  " if len(body) == 1 else ""
        code = (ast.get_source_segment(source, stmt) or "").replace("\n", " ")
        lines[stmt.lineno - 1:stmt.end_lineno] = [f"{indent}{keep}# fix: dropped `{code}` ({why})"]
        text = "\n".join(lines)
    else:
        text = replace_statement(source, stmt, new)
    return Cure("made-up setter", text, [Fix(stmt.lineno, "unknown_attribute",
                                             f"dropped {', '.join(dropped)} ({why})")])
