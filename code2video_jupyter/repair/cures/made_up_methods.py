"""Mobject methods models borrow from other libraries ("Rectangle object has no attribute
'move'"), written as manim spells them where the call's shape says what was meant:

- ``mob.move(offset)`` (pygame's ``Rect.move``, tkinter's ``Canvas.move``: move by an offset)
  -> ``mob.shift(offset)``;
- ``mob.move(x=a, y=b)`` (a position given by its coordinates) -> ``mob.move_to([a, b, 0])``.

Every such call in the file is rewritten at once, unless the file defines a ``move`` of its
own; any other call shape is left (and reported)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from .edit import Cure, StatementFixer, parse, rewrite_everywhere

_NO_MOVE = re.compile(r"object has no attribute 'move'")
_AXES = ("x", "y", "z")


class _Move(StatementFixer):
    category = "unknown_attribute"

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        f = node.func
        if not (isinstance(f, ast.Attribute) and f.attr == "move"):
            return node
        if len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred):
            f.attr = "shift"
            self.fixes.append(".move(offset) -> .shift(offset) (manim moves a mobject by an offset with shift)")
        elif not node.args and node.keywords and all(k.arg in _AXES for k in node.keywords):
            given = {k.arg: k.value for k in node.keywords}
            point = ast.List([given.get(a, ast.Constant(0)) for a in _AXES], ast.Load())
            f.attr, node.keywords, node.args = "move_to", [], [point]
            self.fixes.append(f".move(x=, y=) -> .move_to({ast.unparse(point)}) (a position by its coordinates)")
        return node


def made_up_method_cure(source: str, message: str) -> Cure | None:
    tree = parse(source)
    if tree is None or not _NO_MOVE.search(message):
        return None
    if any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == "move" for n in pyparse.walk(tree)):
        return None
    return rewrite_everywhere(source, tree, _Move, "made-up method")
