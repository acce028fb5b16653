"""``self.play(mob.shift, UP)`` (old manim) -> ``self.play(mob.animate.shift(UP))``."""

from __future__ import annotations

import ast

from .edit import StatementFixer


class MethodToAnimate(StatementFixer):
    category = "renamed_api"

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "play" and node.args
                and isinstance(node.args[0], ast.Attribute)):
            return node
        method = node.args[0]
        animate = ast.Attribute(value=ast.Attribute(value=method.value, attr="animate", ctx=ast.Load()),
                                attr=method.attr, ctx=ast.Load())
        node.args = [ast.Call(func=animate, args=node.args[1:], keywords=[])]
        self.fixes.append(f"play(mobject.{method.attr}, ...) -> play(mobject.animate.{method.attr}(...))")
        return node
