"""Names models make up, or borrow from other libraries, which manim has under another shape,
rewritten where the call's shape says what was meant:

- ``VerticalLine(bottom, top)``, ``HorizontalLine(a, b)`` (by analogy with the axes'
  ``get_vertical_line``): given its two ends it is ``Line(bottom, top)``, drawn as vertical as
  its ends are (``DashedVerticalLine`` -> ``DashedLine``);
- ``Box(width=2, height=1, depth=1)`` (as VPython and 3-D libraries name it): a rectangular
  box is manim's ``Prism(dimensions=[2, 1, 1])``; a side not given is 1, as theirs default;
- ``mob.move(offset)`` (pygame's ``Rect.move``, tkinter's ``Canvas.move``: move by an offset)
  -> ``mob.shift(offset)``; ``mob.move(x=a, y=b)`` (a position by its coordinates) ->
  ``mob.move_to([a, b, 0])``;
- ``dot.coords``, ``point.position``, ``p.location()`` (a position as other libraries keep it, on
  a manim mobject that has no such attribute) -> ``dot.get_center()``.

The error names the class ("name 'VerticalLine' is not defined") or the method ("Rectangle
object has no attribute 'move'"). Every such call in the file is rewritten at once, unless the
file defines the name itself; any other call shape is left (and reported)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from .edit import Cure, StatementFixer, parse, rewrite_everywhere

TWO_ENDS = {"VerticalLine": "Line", "HorizontalLine": "Line", "DashedVerticalLine": "DashedLine",
            "DashedHorizontalLine": "DashedLine"}
_SIDES = ("width", "height", "depth")
_AXES = ("x", "y", "z")
_UNDEFINED = re.compile(r"name '(\w+)' is not defined")
_NO_ATTRIBUTE = re.compile(r"object has no attribute '(\w+)'")
# manim's catch-all getter names the class unquoted: a mobject, not a number or an array
_MOBJECT_HAS_NO = re.compile(r"(?:^|\s)[A-Z]\w* object has no attribute")
POSITIONS = frozenset({"coords", "coordinates", "position", "pos", "location", "center_point"})


class _Rewrite(StatementFixer):
    category = "unknown_name"

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        if node.attr == self.name in POSITIONS and isinstance(node.ctx, ast.Load):
            self.fixes.append(f".{self.name} -> .get_center() (a mobject's position)")
            return ast.Call(ast.Attribute(node.value, "get_center", ast.Load()), [], [])
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == self.name in POSITIONS and not node.args and not node.keywords:
            f.value = self.visit(f.value)
            f.attr = "get_center"  # p.location(): called as a getter
            self.fixes.append(f".{self.name}() -> .get_center() (a mobject's position)")
            return node
        self.generic_visit(node)
        f = node.func
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return node
        if isinstance(f, ast.Name) and f.id == self.name:
            self._made_up_class(node, f)
        elif isinstance(f, ast.Attribute) and f.attr == self.name == "move":
            self._move(node, f)
        return node

    def _made_up_class(self, node: ast.Call, f: ast.Name) -> None:
        if self.name in TWO_ENDS and len(node.args) == 2:
            f.id = TWO_ENDS[self.name]
            self.fixes.append(f"{self.name}(start, end) -> {f.id}(start, end) (manim has no {self.name})")
        elif self.name == "Box" and not node.args and any(k.arg in _SIDES for k in node.keywords):
            sides = {k.arg: k.value for k in node.keywords if k.arg in _SIDES}
            dims = ast.List([sides.get(s, ast.Constant(1)) for s in _SIDES], ast.Load())
            f.id = "Prism"
            node.keywords = [ast.keyword("dimensions", dims)] + [k for k in node.keywords if k.arg not in _SIDES]
            self.fixes.append(f"Box(width=, height=, depth=) -> Prism(dimensions=[{ast.unparse(dims)[1:-1]}]) "
                              "(manim's rectangular box)")

    def _move(self, node: ast.Call, f: ast.Attribute) -> None:
        if len(node.args) == 1 and not node.keywords:
            f.attr = "shift"
            self.fixes.append(".move(offset) -> .shift(offset) (manim moves a mobject by an offset with shift)")
        elif not node.args and node.keywords and all(k.arg in _AXES for k in node.keywords):
            given = {k.arg: k.value for k in node.keywords}
            point = ast.List([given.get(a, ast.Constant(0)) for a in _AXES], ast.Load())
            f.attr, node.keywords, node.args = "move_to", [], [point]
            self.fixes.append(f".move(x=, y=) -> .move_to({ast.unparse(point)}) (a position by its coordinates)")


def made_up_cure(source: str, message: str) -> Cure | None:
    tree = parse(source)
    if (m := _UNDEFINED.search(message)) is not None:
        name, known = m.group(1), {*TWO_ENDS, "Box"}
    elif (m := _NO_ATTRIBUTE.search(message)) is not None:
        # a position attribute only on a mobject (manim names its class unquoted), not an array
        name, known = m.group(1), {"move"} | (POSITIONS if _MOBJECT_HAS_NO.search(message) else set())
    else:
        return None
    if tree is None or name not in known:
        return None
    if any(isinstance(n, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name
           for n in pyparse.walk(tree)):
        return None  # the file's own
    return rewrite_everywhere(source, tree, lambda: _Rewrite(name), "made-up name")
