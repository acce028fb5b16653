"""``self.play(mob.shift, UP)`` (old manim) -> ``self.play(mob.animate.shift(UP))``.

Old manim read ``play``'s arguments as groups: a bound method starts one, the plain values
after it are its arguments, and an animation (or the next method) ends it. So
``self.play(a.shift, LEFT, b.shift, LEFT, FadeIn(c))`` is three animations, not one."""

from __future__ import annotations

import ast

from ... import pyparse
from ..namespace import Namespace
from .edit import StatementFixer, call_name, chain_root


class MethodToAnimate(StatementFixer):
    category = "renamed_api"

    def __init__(self, ns: Namespace) -> None:
        super().__init__()
        self.ns = ns
        self.methods = ns.method_names

    def _method_ref(self, node: ast.expr) -> bool:
        """``mob.shift`` (not called): a manim method passed by reference."""
        return (isinstance(node, ast.Attribute) and node.attr in self.methods
                and not (isinstance(node.value, ast.Name) and node.value.id in ("config", "np", "math")))

    def _animation(self, node: ast.expr) -> bool:
        if not isinstance(node, ast.Call):
            return False
        return self.ns.is_animation(call_name(node))

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "play" and node.args
                and self._method_ref(node.args[0])):
            return node
        out: list[ast.expr] = []
        group: list[ast.expr] | None = None  # the arguments of the method call being built
        for arg in node.args:
            if self._method_ref(arg):
                assert isinstance(arg, ast.Attribute)
                animate = ast.Attribute(value=ast.Attribute(value=arg.value, attr="animate", ctx=ast.Load()),
                                        attr=arg.attr, ctx=ast.Load())
                out.append(ast.Call(func=animate, args=[], keywords=[]))
                group = out[-1].args  # type: ignore[attr-defined]
                fix = f"play(mobject.{arg.attr}, ...) -> play(mobject.animate.{arg.attr}(...))"
                if fix not in self.fixes:
                    self.fixes.append(fix)
            elif group is not None and not self._animation(arg) and not isinstance(arg, ast.Starred):
                group.append(arg)
            else:
                group = None
                out.append(arg)
        node.args = out
        return node


# what a mobject's method gives back instead of the mobject itself: no animation is built on it
_NOT_SELF = ("get_", "copy", "deepcopy", "generate_target", "save_state", "add_updater", "become")


def _links(node: ast.expr) -> list[ast.Call]:
    """The method calls of a chain (``m.shift(UP).scale(2)``), last first."""
    links = []
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        links.append(node)
        node = node.func.value
    return links


class PlayedResultToAnimate(StatementFixer):
    """``self.play(mob.set_fill(GREEN))``: the method ran at once and ``play`` got the mobject it
    returned ("Unexpected argument Circle passed to Scene.play()"). Meant was the animated
    change, ``mob.animate.set_fill(GREEN)``: ``.animate`` goes in after the chain's root when the
    root is a name and every link is a manim method that changes the mobject and returns it."""

    category = "renamed_api"

    def __init__(self, ns: Namespace) -> None:
        super().__init__()
        self.methods = ns.method_names
        self.ns = ns

    def _made_there(self, node: ast.expr) -> bool:
        """A mobject made in the call to play (``Tex("Done").to_edge(UP)``): nothing on screen
        to animate a change of; it is brought in."""
        root = chain_root(node)
        return (isinstance(root, ast.Call) and isinstance(root.func, ast.Name) and self.ns.is_class(root.func.id)
                and not self.ns.is_animation(root.func.id)
                and all(link.func.attr in self.methods and not link.func.attr.startswith(_NOT_SELF)  # type: ignore[union-attr]
                        for link in _links(node)))

    def _chain(self, node: ast.expr) -> list[ast.Call] | None:
        links = _links(node)
        node = chain_root(node)
        root_ok = isinstance(node, (ast.Name, ast.Subscript)) or (
            isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name))
        if not links or not root_ok or any(isinstance(n, ast.Attribute) and n.attr == "animate"
                                           for n in pyparse.walk(node)):
            return None
        for link in links:
            name = link.func.attr  # type: ignore[union-attr]
            if name not in self.methods or name.startswith(_NOT_SELF) or name == "animate":
                return None
        return links

    def visit_Call(self, node: ast.Call) -> ast.AST:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "play"):
            return self.generic_visit(node)
        for i, arg in enumerate(node.args):
            if self._made_there(arg):
                node.args[i] = ast.Call(func=ast.Name("FadeIn", ast.Load()), args=[arg], keywords=[])
                self.fixes.append(f"play({ast.unparse(arg)[:40]}) -> play(FadeIn(...)): a mobject made there is "
                                  "brought in with FadeIn")
                continue
            if isinstance(arg, ast.Starred):
                arg = arg.value
            if isinstance(arg, (ast.ListComp, ast.GeneratorExp)):
                arg = arg.elt  # play(*[e.set_color(RED) for e in edges]): each of them
            links = self._chain(arg)
            if links is None:
                continue
            first = links[-1]
            assert isinstance(first.func, ast.Attribute)
            first.func.value = ast.Attribute(value=first.func.value, attr="animate", ctx=ast.Load())
            fix = (f"play(mobject.{first.func.attr}(...)) -> play(mobject.animate.{first.func.attr}(...)): "
                   "the change animated, not done at once")
            if fix not in self.fixes:
                self.fixes.append(fix)
        return node
