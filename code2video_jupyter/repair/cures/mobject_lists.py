"""A list of mobjects given where manim takes them one by one: ``self.add([a, b])``,
``self.remove(dots)`` with ``dots = [...]``, ``FadeOut([a, b])``, ``Create(parts)``. The list
is unpacked where the call takes ``*mobjects`` (the scene's add and remove, FadeIn, FadeOut, a
``Group`` given a list or, as ManimGL's take, a generator); an animation of one mobject gets
the list as a group (``Create(VGroup(*parts))``), and so does a mobject placed by a list of them
(``label.next_to(pieces, DOWN)`` -> ``label.next_to(Group(*pieces), DOWN)``)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..namespace import Namespace
from .edit import Cure, call_name, failing_statement, rewrite_failing
from .points import bound_key, bound_values

_SIGNS = ("'list' object has no attribute", "unhashable type: 'list'", "Animation only works on Mobjects",
          "'tuple' object has no attribute", "unhashable type: 'tuple'", "only works for VMobjects",
          # Group(m for m in parts): ManimGL's groups take an iterable, Community's one by one
          "is of type generator", "is of type list", "is of type tuple")
# next_to(pieces): numpy tried to make the list of mobjects a point
_PLACED_SIGN = "setting an array element with a sequence"
# A method's declared return type that is several mobjects (``tuple[VGroup, VGroup]``).
_MOBJECTS_TYPE = re.compile(r"(tuple|list|Sequence)\[(OpenGL)?V?(Group|Mobject)(, (OpenGL)?V?(Group|Mobject)|, \.\.\.)*\]")
# Scene methods that take mobjects by position.
_SCENE_METHODS = frozenset({"add", "remove", "bring_to_front", "bring_to_back", "add_foreground_mobjects",
                            "remove_foreground_mobjects", "add_fixed_in_frame_mobjects",
                            "add_fixed_orientation_mobjects", "remove_fixed_in_frame_mobjects"})
# Mobject methods that place a mobject by another one (or a point).
_PLACING = frozenset({"next_to", "move_to", "align_to"})
# Animations that draw strokes: their group must be a VGroup.
_VECTOR_ONLY = frozenset({"Create", "Uncreate", "Write", "Unwrite", "DrawBorderThenFill", "ShowPassingFlash"})


def _a_list(node: ast.expr, values: dict[str, list[ast.AST]], ns: Namespace) -> bool:
    """A list literal or comprehension (or a generator), what a manim method declares to return
    as a tuple or list of mobjects (``plane._get_lines()``), or a name only ever bound to one."""
    if isinstance(node, (ast.List, ast.ListComp, ast.Tuple, ast.GeneratorExp)) or _gives_mobjects(node, ns):
        return True
    key = bound_key(node)
    bound = values.get(key or "", [])
    return bool(bound) and all(isinstance(v, (ast.List, ast.ListComp)) or _gives_mobjects(v, ns) for v in bound)


def _gives_mobjects(node: ast.AST, ns: Namespace) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    returns = ns.returns(node.func.attr)
    return bool(returns) and all(_MOBJECTS_TYPE.fullmatch(r) for r in returns)


def _mobjects_list(node: ast.expr, values: dict[str, list[ast.AST]], ns: Namespace) -> bool:
    """A list of mobjects built where it is written (``[Square(), Circle()]``, ``[Dot(p) for p
    in ps]``), or a name only ever bound to one: never a point's coordinates."""
    def built(e: ast.expr) -> bool:
        return isinstance(e, ast.Call) and ns.is_class(call_name(e))

    if isinstance(node, ast.ListComp):
        return built(node.elt)
    if isinstance(node, (ast.List, ast.Tuple)):
        return bool(node.elts) and all(built(e) for e in node.elts)
    bound = values.get(bound_key(node) or "", [])
    return bool(bound) and all(isinstance(v, (ast.List, ast.ListComp)) and _mobjects_list(v, {}, ns)
                               for v in bound)


def _spread(arg: ast.expr) -> list[ast.expr]:
    """The list as arguments: a literal's items, else ``*list``."""
    return list(arg.elts) if isinstance(arg, (ast.List, ast.Tuple)) else [ast.Starred(arg, ast.Load())]


def _short(arg: ast.expr) -> str:
    text = ast.unparse(arg)
    return text if len(text) <= 30 else "[...]"


def _takes_many(name: str, ns: Namespace) -> bool:
    key = ns.class_key(name)
    init = ns.method(key, "__init__") if key else None
    return init is not None and init.varargs == "mobjects"


def mobject_list_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    found = failing_statement(source, line)
    listed = any(s in message for s in _SIGNS)
    if found is None or not (listed or _PLACED_SIGN in message):
        return None
    values = bound_values(found[0])

    def change(stmt: ast.stmt) -> list[str]:
        done: list[str] = []
        for call in [n for n in pyparse.walk(stmt) if isinstance(n, ast.Call)]:
            name = call_name(call)
            scene = (isinstance(call.func, ast.Attribute) and name in _SCENE_METHODS
                     and isinstance(call.func.value, ast.Name) and call.func.value.id == "self")
            # (a group, or an animation of many: each takes ``*mobjects``)
            if listed and (scene or _takes_many(name, ns)):
                # one argument given: the error says it is a list, whatever its name says
                lone = len(call.args) == 1
                args: list[ast.expr] = []
                for arg in call.args:
                    if not isinstance(arg, ast.Starred) and (_a_list(arg, values, ns) or (lone and scene)):
                        args += _spread(arg)
                        done.append(f"{name}({_short(arg)}) -> {name}(*{_short(arg)}): it takes each mobject "
                                    "as its own argument")
                    else:
                        args.append(arg)
                call.args = args
            elif (isinstance(call.func, ast.Attribute) and name in _PLACING and call.args
                  and _mobjects_list(call.args[0], values, ns)):
                arg = call.args[0]
                call.args[0] = ast.Call(ast.Name("Group", ast.Load()), _spread(arg), [])
                done.append(f".{name}({_short(arg)}) -> .{name}(Group(*{_short(arg)})): it places by one mobject")
            elif listed and ns.is_animation(name) and len(call.args) >= 1 and _a_list(call.args[0], values, ns):
                group = "VGroup" if name in _VECTOR_ONLY else "Group"
                arg = call.args[0]
                call.args[0] = ast.Call(ast.Name(group, ast.Load()), _spread(arg), [])
                done.append(f"{name}({_short(arg)}) -> {name}({group}(*{_short(arg)})): it animates one mobject")
        return done

    return rewrite_failing(source, line, change, "list of mobjects", "mobject_list")
