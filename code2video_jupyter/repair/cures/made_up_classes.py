"""Classes models make up, which manim has under another shape ("name 'VerticalLine' is not
defined"), rewritten where the call's shape says what was meant:

- ``VerticalLine(bottom, top)``, ``HorizontalLine(a, b)`` (by analogy with the axes'
  ``get_vertical_line``): given its two ends it is ``Line(bottom, top)``, drawn as vertical as
  its ends are (``DashedVerticalLine`` -> ``DashedLine``);
- ``Box(width=2, height=1, depth=1)`` (as VPython and 3-D libraries name it): a rectangular
  box is manim's ``Prism(dimensions=[2, 1, 1])``; a side not given is 1, as theirs default.

Every such call in the file is rewritten at once; any other call shape is left (and reported)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from .edit import Cure, StatementFixer, parse, rewrite_everywhere

TWO_ENDS = {"VerticalLine": "Line", "HorizontalLine": "Line", "DashedVerticalLine": "DashedLine",
            "DashedHorizontalLine": "DashedLine"}
_SIDES = ("width", "height", "depth")
MADE_UP = frozenset({*TWO_ENDS, "Box"})
_UNDEFINED = re.compile(r"name '(\w+)' is not defined")


class _Rewrite(StatementFixer):
    category = "unknown_name"

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if not (isinstance(node.func, ast.Name) and node.func.id == self.name) or any(
                isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return node
        if self.name in TWO_ENDS and len(node.args) == 2:
            node.func.id = TWO_ENDS[self.name]
            self.fixes.append(f"{self.name}(start, end) -> {node.func.id}(start, end) (manim has no {self.name})")
        elif self.name == "Box" and not node.args and any(k.arg in _SIDES for k in node.keywords):
            sides = {k.arg: k.value for k in node.keywords if k.arg in _SIDES}
            dims = ast.List([sides.get(s, ast.Constant(1)) for s in _SIDES], ast.Load())
            node.func.id = "Prism"
            node.keywords = [ast.keyword("dimensions", dims)] + [k for k in node.keywords if k.arg not in _SIDES]
            self.fixes.append(f"Box(width=, height=, depth=) -> Prism(dimensions=[{ast.unparse(dims)[1:-1]}]) "
                              "(manim's rectangular box)")
        return node


def made_up_class_cure(source: str, message: str) -> Cure | None:
    m = _UNDEFINED.search(message)
    tree = parse(source)
    if m is None or m.group(1) not in MADE_UP or tree is None:
        return None
    if any(isinstance(n, (ast.ClassDef, ast.FunctionDef)) and n.name == m.group(1) for n in pyparse.walk(tree)):
        return None
    return rewrite_everywhere(source, tree, lambda: _Rewrite(m.group(1)), "made-up class")
