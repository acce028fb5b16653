"""An animation handed to another as if it were a mobject: ``Create(flash)`` where
``flash = Flash(dot)`` (manim: "Create only works for VMobjects", "Animation only works on
Mobjects"). The model meant to play it: the wrapper goes, the animation it was given stays.
Known only where the argument is a call to a manim animation, or a name that every assignment
in its function (or module) binds to one."""

from __future__ import annotations

import ast

from ... import pyparse
from ..namespace import Namespace
from .edit import Cure, StatementFixer, enclosing_function, failing_statement, rewrite

SIGNS = ("only works for VMobjects", "Animation only works on Mobjects")


def _animation_call(node: ast.AST, ns: Namespace) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and ns.is_animation(node.func.id)


def _animation_names(scope: ast.AST, ns: Namespace) -> set[str]:
    """Names that every binding in ``scope`` gives a manim animation (``flash = Flash(p)``;
    a loop, an unpacking or a ``with`` binds an unknown value)."""
    nodes = list(pyparse.walk(scope))
    direct = {id(t): n.value for n in nodes if isinstance(n, ast.Assign) for t in n.targets
              if isinstance(t, ast.Name)}
    values: dict[str, list[ast.AST | None]] = {}
    for n in nodes:
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            values.setdefault(n.id, []).append(direct.get(id(n)))
    return {name for name, vs in values.items() if all(_animation_call(v, ns) for v in vs)}


class _Unwrap(StatementFixer):
    category = "nested_animation"

    def __init__(self, ns: Namespace, names: set[str]) -> None:
        super().__init__()
        self.ns, self.names = ns, names

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if not (isinstance(node.func, ast.Name) and self.ns.is_animation(node.func.id)
                and len(node.args) == 1 and not node.keywords):
            return node
        inner = node.args[0]
        if _animation_call(inner, self.ns) or (isinstance(inner, ast.Name) and inner.id in self.names):
            self.fixes.append(f"{node.func.id}({ast.unparse(inner)[:40]}) -> {ast.unparse(inner)[:40]} "
                              "(it is an animation already: played as it is)")
            return inner
        return node


def nested_animation_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    if not any(s in message for s in SIGNS):
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    scope = enclosing_function(tree, stmt) or tree
    return rewrite(source, tree, stmt.lineno, _Unwrap(ns, _animation_names(scope, ns)), "nested animation")
