"""Non-vector mobjects where manim wants vector ones: a VGroup holding an image or a plain
Mobject (-> Group), Create/Write on them (-> FadeIn/FadeOut)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from .edit import Cure, StatementFixer, rewrite, statement_at


class _ToGroup(StatementFixer):
    category = "mixed_group"

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id == "VGroup":
            self.fixes.append("VGroup -> Group (it holds a non-vector mobject)")
            node.id = "Group"
        return node


class CreateToFadeIn(StatementFixer):
    """Create/Write/Uncreate draw strokes, which only vector mobjects have (images, groups
    holding them): fade them in or out instead."""

    category = "mixed_group"
    SWAP = {"Create": "FadeIn", "Write": "FadeIn", "DrawBorderThenFill": "FadeIn",
            "Uncreate": "FadeOut", "Unwrite": "FadeOut", "ShowCreation": "FadeIn"}

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in self.SWAP:
            self.fixes.append(f"{node.id} -> {self.SWAP[node.id]} (it only works on vector mobjects)")
            node.id = self.SWAP[node.id]
        return node


# a VGroup given a point, a list or a number: a Group refuses it as well
_NOT_A_MOBJECT = re.compile(r"is of type (?:numpy\.)?(?:ndarray|list|tuple|int|float\d*|str|dict|NoneType|"
                            r"function|method|generator|range|bool)\b")


def vgroup_to_group(source: str, tree: ast.Module, line: int, message: str = "") -> Cure | None:
    stmt = statement_at(tree, line)
    if stmt is None or _NOT_A_MOBJECT.search(message):
        return None
    if "VGroup" in ast.unparse(stmt):
        return rewrite(source, tree, line, _ToGroup())
    # `group.add(image)`: the VGroup was made where `group` was assigned.
    targets = {n.value.id for n in pyparse.walk(stmt) if isinstance(n, ast.Attribute)
               and isinstance(n.value, ast.Name)}
    for node in pyparse.walk(tree):
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in targets
                                                 for t in node.targets)
                and "VGroup" in ast.unparse(node.value)):
            return rewrite(source, tree, node.lineno, _ToGroup())
    return None


class _GridThatFits(StatementFixer):
    """``arrange_in_grid(int(sqrt(n)), int(sqrt(n)))`` for an n that is no square: the grid is
    too small for the group, and manim refuses it. The rows are kept and the columns left to
    manim, which makes as many as the group needs (the near-square grid that was meant)."""

    category = "grid"

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "arrange_in_grid"):
            return node
        cols = [k for k in node.keywords if k.arg == "cols"]
        if len(node.args) == 2:  # a third would be buff, which must keep its place
            node.args = node.args[:1]
        elif cols and (len(node.args) == 1 or any(k.arg == "rows" for k in node.keywords)):
            node.keywords.remove(cols[0])
        else:
            return node
        self.fixes.append("arrange_in_grid(rows, cols) -> arrange_in_grid(rows): the columns the group "
                          "needs (rows x cols was too few for it)")
        return node


def grid_cure(source: str, tree: ast.Module, line: int) -> Cure | None:
    return rewrite(source, tree, line, _GridThatFits())
