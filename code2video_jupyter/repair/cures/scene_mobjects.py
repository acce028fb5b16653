"""``self.mobjects`` read as "what is on screen" (``everything = Group(*self.mobjects)`` then
``ReplacementTransform(everything, summary)``, or ``Transform(self.mobjects[-2], surface)``):
manim's scene also holds the empty ``Mobject`` each ``wait()`` plays, and a transform to or
from one fails ("get_point_mobject not implemented for Mobject"), or an index lands on one.
In the method that failed, every read of ``self.mobjects`` keeps only what is drawn: the
mobjects with points or parts."""

from __future__ import annotations

import ast

from ... import pyparse
from ..fixes import Fix
from .edit import Cure, enclosing_function, parse, replace_names, statement_at

_DRAWN = "[m for m in self.mobjects if m.has_points() or m.submobjects]"


def drawn_mobjects_cure(source: str, message: str, line: int | None) -> Cure | None:
    if "get_point_mobject not implemented" not in message or line is None:
        return None
    tree = parse(source)
    stmt = statement_at(tree, line) if tree is not None else None
    method = enclosing_function(tree, stmt) if stmt is not None else None
    if method is None or _already(method):
        return None
    spans, fixes = [], []
    for node in pyparse.walk(method):
        if (isinstance(node, ast.Attribute) and node.attr == "mobjects" and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name) and node.value.id == "self"
                and node.lineno == node.end_lineno):
            spans.append((node.lineno, node.col_offset, "self.mobjects", _DRAWN))
            fixes.append(Fix(node.lineno, "drawn_mobjects", "self.mobjects -> only the mobjects drawn (the "
                             "scene also holds the empty Mobject each wait() plays, which no transform takes)"))
    if not spans:
        return None
    return Cure("drawn mobjects", replace_names(source, spans), fixes)


def _already(method: ast.AST) -> bool:
    """Whether the method reads ``self.mobjects`` through the filter already (a second error)."""
    return any(isinstance(n, ast.ListComp) and "has_points" in ast.unparse(n) for n in pyparse.walk(method))
