"""A getter named but not called: ``n.set_value(t.get_value)``, ``f"{x.get_value:.2f}"``,
``dot.get_center + UP``. Python hands the bound method on, and the error comes later, about a
method (``unsupported format string passed to method.__format__``, ``unsupported operand
type(s) for +: 'method' and ...``). In the failing statement every ``.get_X`` that is not
called gets its call, except where a function is what is wanted (``add_updater``,
``always_redraw``, ``TracedPath(dot.get_center)``...)."""

from __future__ import annotations

import ast
import re

from .edit import Cure, StatementFixer, call_name, parse, rewrite

_METHOD = re.compile(r"\bmethod\b")
# calls whose arguments are functions to call later, not values
_TAKES_FUNCTIONS = frozenset({
    "add_updater", "always_redraw", "TracedPath", "f_always", "always", "ParametricFunction",
    "FunctionGraph", "plot", "plot_parametric_curve", "ImplicitFunction", "add_listener",
    "Surface", "ArrowVectorField", "StreamLines", "VectorField", "UpdateFromFunc",
    "UpdateFromAlphaFunc", "map", "sorted", "max", "min", "sort"})


class _CallGetters(StatementFixer):
    category = "uncalled_getter"

    def visit_Call(self, node: ast.Call) -> ast.AST:
        func = node.func
        name = call_name(node)
        if isinstance(func, ast.Attribute):
            func.value = self.visit(func.value)  # the called getter itself is called already
        else:
            node.func = self.visit(func)
        if name in _TAKES_FUNCTIONS:
            # its arguments stay functions; what is inside a lambda there is still visited
            node.args = [self.generic_visit(a) if isinstance(a, ast.Lambda) else a for a in node.args]
            return node
        node.args = [self.visit(a) for a in node.args]
        for k in node.keywords:
            k.value = self.visit(k.value)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        if node.attr.startswith("get_") and isinstance(node.ctx, ast.Load):
            self.fixes.append(f"{ast.unparse(node)} -> {ast.unparse(node)}() (a getter named, not called)")
            return ast.copy_location(ast.Call(func=node, args=[], keywords=[]), node)
        return node


def uncalled_getter_cure(source: str, message: str, line: int | None) -> Cure | None:
    if not _METHOD.search(message) or line is None:
        return None
    tree = parse(source)
    if tree is None:
        return None
    return rewrite(source, tree, line, _CallGetters(), "uncalled getter")
