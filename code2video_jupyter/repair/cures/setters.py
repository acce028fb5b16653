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

from ... import pyparse
from ..gate import known_types
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import (
    Cure,
    comment_out,
    failing_statement,
    parse,
    replace_statement,
    replace_statements,
    rewrite_each,
    simple_statements,
)

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
    read = {n.attr for n in pyparse.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Load)}
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

    new = Drop().visit(pyparse.clone(stmt))
    if not dropped:
        return None
    why = "manim has no such setter: Community's catch-all stores a value nothing reads"
    if isinstance(stmt, ast.Expr) and not isinstance(new.value, ast.Call):
        # the call was the whole statement: nothing of it is left to run
        code = (ast.get_source_segment(source, stmt) or "").replace("\n", " ")
        text = comment_out(source, tree, stmt, f"fix: dropped `{code}` ({why})")
    else:
        text = replace_statement(source, stmt, new)
    return Cure("made-up setter", text, [Fix(stmt.lineno, "unknown_attribute",
                                             f"dropped {', '.join(dropped)} ({why})")])


_SIZES = {"set_width": "width", "set_height": "height", "set_depth": "depth"}


def sized_setter_cure(source: str, message: str) -> Cure | None:
    """ManimGL's ``set_width(w, stretch=True, about_edge=...)``: Manim Community has no such
    method (its catch-all setter takes one value), but ``stretch_to_fit_width`` and
    ``scale_to_fit_width`` are the two things it did. Every such call with keywords, in one
    step."""
    if SETTER_ERROR not in message or "unexpected keyword argument" not in message:
        return None
    tree = parse(source)
    if tree is None:
        return None
    edits, fixes = rewrite_each(simple_statements(tree), _fit_sizes, "renamed_api")
    if not edits:
        return None
    return Cure("sized setter", replace_statements(source, edits), fixes)


def _fit_sizes(stmt: ast.stmt) -> list[str]:
    done = []
    for call in pyparse.walk(stmt):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr in _SIZES and call.keywords and len(call.args) == 1):
            continue
        stretch = next((k for k in call.keywords if k.arg == "stretch"), None)
        if stretch is not None and not isinstance(stretch.value, ast.Constant):
            continue  # decided at run time: no single method says it
        how = "stretch" if stretch is not None and stretch.value.value else "scale"  # type: ignore[union-attr]
        call.keywords = [k for k in call.keywords if k.arg != "stretch"]
        old = call.func.attr
        call.func.attr = f"{how}_to_fit_{_SIZES[old]}"
        done.append(f".{old}(..., {'stretch=' if stretch is not None else ''}...) -> .{call.func.attr}(...)")
    return done
