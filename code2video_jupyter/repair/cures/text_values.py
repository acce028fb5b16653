"""Numbers given where manim wants text, and text where it wants mobjects. ``Text(3.14)``,
``Text(count)`` and ``Paragraph(1, 2)`` fail inside Pango's markup code; ``Table([[1, 2],
[3, 4]])`` fails because a table makes each entry a ``Paragraph`` (and ``Matrix(rows,
element_to_mobject=Text)`` each entry a ``Text``); its ``col_labels=["x", "y"]`` must be
mobjects; ``VGroup(box, "area = 4")`` holds a string. Each is written as the program meant it:
the number as its text (``str(v)``), a label string as ``Text``."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from .edit import Cure, call_name, rewrite_failing

_TEXTS = frozenset({"Text", "MarkupText", "Paragraph"})
_TABLES = frozenset({"Table"})
_MATRICES = frozenset({"Matrix", "DecimalMatrix", "IntegerMatrix", "MobjectMatrix"})
_LABELS = ("col_labels", "row_labels")
# 'int' object has no attribute 'find'; sequence item 0: expected str instance, int found
_NUMBER_AS_TEXT = re.compile(r"'(?:int|float|numpy\.\w+)' object has no attribute"
                             r"|sequence item \d+: expected str instance, (?:int|float|numpy\.\w+) found")
_STRING_AS_MOBJECT = re.compile(r"of type V?Mobject can be added .* is of type str")
_GROUPS = frozenset({"VGroup", "Group"})


def _is_text(node: ast.expr) -> bool:
    """Text already: a string, an f-string, a ``str(...)`` or a string method's result."""
    return (isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))
            or (isinstance(node, ast.Call) and call_name(node) in ("str", "format", "join", "upper", "lower")))


def _as_text(node: ast.expr) -> ast.expr:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return ast.Constant(str(node.value))
    return ast.Call(ast.Name(id="str", ctx=ast.Load()), [node], [])


def _texts_of_numbers(call: ast.Call) -> list[str]:
    done = []
    for i, arg in enumerate(call.args):
        if not isinstance(arg, ast.Starred) and not _is_text(arg):
            call.args[i] = _as_text(arg)
            done.append(f"{call_name(call)}({ast.unparse(arg)}) -> {call_name(call)}({ast.unparse(call.args[i])})")
    return done


def _table_entries(call: ast.Call) -> list[str]:
    """The rows of ``Table(rows)`` made text: in place for a literal, else row by row."""
    if not call.args or isinstance(call.args[0], ast.Starred):
        return []
    rows = call.args[0]
    if isinstance(rows, (ast.List, ast.Tuple)) and all(isinstance(r, (ast.List, ast.Tuple)) for r in rows.elts):
        changed = False
        for row in rows.elts:
            for i, cell in enumerate(row.elts):
                if not _is_text(cell) and not isinstance(cell, ast.Call):  # a call may build a mobject
                    row.elts[i], changed = _as_text(cell), True
        return [f"{call_name(call)}: the numbers of its rows written as text"] if changed else []
    call.args[0] = pyparse.parse(f"[[str(cell) for cell in row] for row in {ast.unparse(rows)}]", mode="eval").body
    return [f"{call_name(call)}({ast.unparse(rows)}): each entry made text (str)"]


def _table_labels(call: ast.Call) -> list[str]:
    changed = []
    for k in call.keywords:
        if k.arg in _LABELS and isinstance(k.value, (ast.List, ast.Tuple)):
            for i, label in enumerate(k.value.elts):
                if _is_text(label):
                    k.value.elts[i] = ast.Call(ast.Name(id="Text", ctx=ast.Load()), [label], [])
                    changed.append(k.arg)
    return [f"{call_name(call)}({a}=): each string made a Text" for a in dict.fromkeys(changed)]


def _matrix_entries(call: ast.Call) -> list[str]:
    """``Matrix(rows, element_to_mobject=Text)``: each entry goes to ``Text``, numbers too."""
    for k in call.keywords:
        if k.arg == "element_to_mobject" and isinstance(k.value, ast.Name) and (kind := k.value.id) in _TEXTS:
            k.value = pyparse.parse(f"lambda entry, **style: {kind}(str(entry), **style)", mode="eval").body
            return [f"{call_name(call)}(element_to_mobject={kind}): each entry made text (str)"]
    return []


def _group_strings(call: ast.Call) -> list[str]:
    """``VGroup(box, "area = 4")``: a label written as its string -> ``Text("area = 4")``."""
    done = []
    for i, arg in enumerate(call.args):
        if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            call.args[i] = ast.Call(ast.Name(id="Text", ctx=ast.Load()), [arg], [])
            done.append(f"{call_name(call)}(..., {ast.unparse(arg)}) -> Text({ast.unparse(arg)})")
    return done


def text_value_cure(source: str, message: str, line: int | None) -> Cure | None:
    numbers, strings = _NUMBER_AS_TEXT.search(message), _STRING_AS_MOBJECT.search(message)
    if not (numbers or strings):
        return None

    def change(stmt: ast.stmt) -> list[str]:
        done: list[str] = []
        for node in (n for n in pyparse.walk(stmt) if isinstance(n, ast.Call)):
            name = call_name(node)
            if numbers and name in _TEXTS:
                done += _texts_of_numbers(node)
            elif numbers and name in _TABLES:
                done += _table_entries(node)
            elif numbers and name in _MATRICES:
                done += _matrix_entries(node)
            elif strings and name in _TABLES:
                done += _table_labels(node)
            elif strings and name in _GROUPS:
                done += _group_strings(node)
        return done

    return rewrite_failing(source, line, change, "text values", "text_value")
