"""Updater animations written the wrong way round or under a name manim does not have. The
function's parameters say which manim animation was meant: ``f(mob)`` is UpdateFromFunc's,
``f(mob, alpha)`` UpdateFromAlphaFunc's (a scene's own updaters take ``dt`` alone)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..static_fixes import Fix
from .edit import (
    Cure,
    failing_statement,
    parse,
    replace_names,
    replace_statement,
    replace_statements,
    rewrite_each,
    simple_statements,
)

_UPDATE_ANIMATIONS = ("UpdateFromFunc", "UpdateFromAlphaFunc")


def swapped_updater_cure(source: str, message: str, line: int | None) -> Cure | None:
    """``UpdateFromFunc(lambda m: ..., mob)``: the mobject comes first, the function second
    (manim raises "Animation only works on Mobjects" for the function). Swapped back; a function
    of two parameters (``lambda m, dt: ...``) goes to UpdateFromAlphaFunc, the one that passes
    two (UpdateFromFunc would call it with one and fail next)."""
    if "Animation only works on Mobjects" not in message:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    defs = _defs(tree)
    done: list[str] = []

    class Swap(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            self.generic_visit(node)
            if not (isinstance(node.func, ast.Name) and node.func.id in _UPDATE_ANIMATIONS
                    and len(node.args) >= 2):
                return node
            first, second = node.args[0], node.args[1]
            params = _arity(first, defs)
            if params is None or _arity(second, defs) is not None:
                return node
            node.args[0], node.args[1] = second, first
            if node.func.id == "UpdateFromFunc" and params == 2:
                node.func.id = "UpdateFromAlphaFunc"
                done.append("UpdateFromFunc(f, m) -> UpdateFromAlphaFunc(m, f) (f takes two arguments)")
            else:
                done.append(f"{node.func.id}(f, m) -> {node.func.id}(m, f)")
            return node

    new = Swap().visit(pyparse.clone(stmt))
    if not done:
        return None
    return Cure("swapped updater arguments", replace_statement(source, stmt, new),
                [Fix(stmt.lineno, "renamed_api", "; ".join(dict.fromkeys(done)))])


_MISSING_DT = re.compile(r"(<lambda>|\w+)\(\) missing 1 required positional argument: '(\w+)'")


def scene_updater_cure(source: str, message: str, line: int | None) -> Cure | None:
    """``self.add_updater(f)`` with ``def f(mob, dt)``: a scene's updaters get ``dt`` alone (a
    mobject's get the mobject first), so the call fails for want of ``dt``. When ``f`` never
    uses its first parameter, ``self.add_updater(lambda dt: f(None, dt))`` runs it as written."""
    m = _MISSING_DT.search(message)
    tree = parse(source)
    if m is None or tree is None:
        return None
    name = m.group(1)
    if name == "<lambda>":
        return _scene_lambda(source, tree, m.group(2))
    defs = [n for n in pyparse.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name]
    if len(defs) != 1 or len(defs[0].args.args) != 2 or defs[0].args.args[1].arg != m.group(2):
        return None
    first = defs[0].args.args[0].arg
    if any(isinstance(n, ast.Name) and n.id == first for n in pyparse.walk(defs[0])):
        return None  # it uses the mobject: not a scene updater written with a spare parameter
    edits = []
    for stmt in (n for n in pyparse.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)):
        call = stmt.value
        if (isinstance(call.func, ast.Attribute) and call.func.attr == "add_updater"
                and isinstance(call.func.value, ast.Name) and call.func.value.id == "self"
                and len(call.args) == 1 and isinstance(call.args[0], ast.Name) and call.args[0].id == name):
            new = pyparse.clone(stmt)
            new.value.args = [pyparse.parse(f"lambda dt: {name}(None, dt)", mode="eval").body]
            edits.append((stmt, new))
    if not edits:
        return None
    return Cure("scene updater", replace_statements(source, edits), [Fix(
        edits[0][0].lineno, "renamed_api", f"self.add_updater({name}) -> self.add_updater(lambda dt: "
        f"{name}(None, dt)): a scene's updaters get dt alone ({name} does not use its '{first}')")])


_NOT_DEFINED = re.compile(r"name '(\w+)' is not defined")
_FUNCTION_KEYWORDS = ("updater", "update_function", "updater_function", "func", "function", "update_func")


def _scene_lambda(source: str, tree: ast.Module, missing: str) -> Cure | None:
    """``self.add_updater(lambda s, dt: ...)`` whose first parameter goes unused: the same
    lambda without it."""
    spots = []
    for call in pyparse.walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "add_updater" and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "self" and call.args and isinstance(call.args[0], ast.Lambda)):
            continue
        params = call.args[0].args
        if (len(params.args) == 2 and params.args[1].arg == missing and not params.defaults
                and not _uses(call.args[0], params.args[0].arg)):
            spots.append(call.args[0])
    if not spots:
        return None
    edits = []
    for lam in spots:
        first = lam.args.args[0].arg
        # the text of "first, " from the parameter list, found where the lambda starts
        edits.append((lam.lineno, lam.col_offset, f"lambda {first}, {missing}", f"lambda {missing}"))
    text = replace_names(source, edits)
    if text == source:
        return None
    return Cure("scene updater", text, [Fix(spots[0].lineno, "renamed_api", "self.add_updater(lambda "
                                            f"{spots[0].args.args[0].arg}, {missing}: ...) -> self.add_updater("
                                            f"lambda {missing}: ...): a scene's updaters get {missing} alone")])


def mobject_updater_cure(source: str, message: str) -> Cure | None:
    """``mob.add_updater(f)`` with ``def f(mob, alpha)`` (or a lambda) whose second parameter
    is not named ``dt``: manim passes the frame's time only to a parameter called ``dt`` and
    calls ``f`` with the mobject alone, so it fails for want of the second. When ``f`` never
    uses that parameter, naming it ``dt`` runs the updater as written."""
    m = _MISSING_DT.search(message)
    tree = parse(source)
    if m is None or tree is None or m.group(2) == "dt":
        return None
    name, missing = m.group(1), m.group(2)
    updaters = [c.args[0] for c in pyparse.walk(tree)
                if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "add_updater"
                and c.args and not (isinstance(c.func.value, ast.Name) and c.func.value.id == "self")]
    if name == "<lambda>":
        funcs: list[ast.Lambda | ast.FunctionDef] = [u for u in updaters if isinstance(u, ast.Lambda)]
    else:
        defs = [n for n in pyparse.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name]
        passed = any(isinstance(u, ast.Name) and u.id == name for u in updaters)
        funcs = list(defs) if len(defs) == 1 and passed else []
    spots = [f for f in funcs if len(f.args.args) == 2 and f.args.args[1].arg == missing
             and not f.args.defaults and not _uses(f, missing)]
    if not spots:
        return None
    text = replace_names(source, [(a.lineno, a.col_offset, missing, "dt") for f in spots for a in [f.args.args[1]]])
    if text == source:
        return None
    return Cure("mobject updater", text, [Fix(spots[0].lineno, "renamed_api", f"updater parameter {missing} -> dt: "
                                              f"manim passes the frame time only to a parameter named dt "
                                              f"({missing} is not used)")])


def _uses(func: ast.Lambda | ast.FunctionDef, name: str) -> bool:
    """Whether the function's body (a lambda's expression, a def's statements) reads ``name``."""
    body = func.body if isinstance(func.body, list) else [func.body]
    return any(isinstance(n, ast.Name) and n.id == name for part in body for n in pyparse.walk(part))


def _arity(node: ast.expr, defs: dict[str, ast.FunctionDef]) -> int | None:
    """How many positional parameters the function ``node`` takes (a lambda or a def of this
    file); None for anything else."""
    if isinstance(node, ast.Lambda):
        return len(node.args.args)
    if isinstance(node, ast.Name) and node.id in defs:
        return len(defs[node.id].args.args)
    return None


def _defs(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    found: dict[str, list[ast.FunctionDef]] = {}
    for n in pyparse.walk(tree):
        if isinstance(n, ast.FunctionDef):
            found.setdefault(n.name, []).append(n)
    return {name: fs[0] for name, fs in found.items() if len(fs) == 1}  # two defs: which one?


def invented_updater_cure(source: str, message: str, line: int | None) -> Cure | None:
    """``Update(mob, f)`` / ``Update(mob, updater=f, run_time=3)``: an updater animation under
    a name manim does not have (``Update``, ``UpdateMobject``...). With a mobject and a function
    of one or two parameters, it is UpdateFromFunc or UpdateFromAlphaFunc; every such call of
    the file is renamed at once."""
    m = _NOT_DEFINED.search(message)
    tree = parse(source)
    if m is None or tree is None or not m.group(1).startswith("Update") or m.group(1) in _UPDATE_ANIMATIONS:
        return None
    name = m.group(1)
    defs = _defs(tree)
    edits: list[tuple[ast.stmt, ast.stmt]] = []
    done: list[str] = []

    class Rename(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            self.generic_visit(node)
            if not (isinstance(node.func, ast.Name) and node.func.id == name and node.args):
                return node
            given = [k for k in node.keywords if k.arg in _FUNCTION_KEYWORDS]
            func = node.args[1] if len(node.args) == 2 and not given else (
                given[0].value if len(node.args) == 1 and len(given) == 1 else None)
            params = _arity(func, defs) if func is not None else None
            if params not in (1, 2) or isinstance(node.args[0], (ast.Lambda, ast.Constant)):
                return node
            new = "UpdateFromFunc" if params == 1 else "UpdateFromAlphaFunc"
            node.func = ast.copy_location(ast.Name(new, ast.Load()), node.func)
            node.args = [node.args[0], func]
            node.keywords = [k for k in node.keywords if k.arg not in _FUNCTION_KEYWORDS]
            what = "f(mob)" if params == 1 else "f(mob, alpha)"
            done.append(f"{name}(mob, {what}) -> {new}(mob, f)")
            return node

    for stmt in simple_statements(tree):
        count = len(done)
        new = Rename().visit(pyparse.clone(stmt))
        if len(done) > count:
            edits.append((stmt, new))
    if not edits:
        return None
    return Cure("invented updater animation", replace_statements(source, edits),
                [Fix(edits[0][0].lineno, "renamed_api", "; ".join(dict.fromkeys(done)))])


_TRANSFORMS = ("Transform", "ReplacementTransform")


def transform_to_function_cure(source: str, message: str, line: int | None) -> Cure | None:
    """``Transform(mob, f)`` with ``f`` a function of this file: a transform into what a
    function does to the mobject. ``f(mob, alpha)`` is UpdateFromAlphaFunc(mob, f); ``f(mob)``
    that returns the new mobject is ApplyFunction(f, mob)."""
    if "'function' object has no attribute" not in message:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    defs = _defs(tree)
    done: list[str] = []

    class Replace(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            self.generic_visit(node)
            if not (isinstance(node.func, ast.Name) and node.func.id in _TRANSFORMS and len(node.args) == 2
                    and isinstance(node.args[1], ast.Name) and node.args[1].id in defs):
                return node
            mob, func = node.args
            fdef = defs[func.id]
            params = len(fdef.args.args)
            returns = any(isinstance(n, ast.Return) and n.value is not None for n in pyparse.walk(fdef))
            original = node.func.id  # type: ignore[attr-defined]
            if params == 2:
                node.func = ast.copy_location(ast.Name("UpdateFromAlphaFunc", ast.Load()), node.func)
                done.append(f"{original}(mob, {func.id}) -> UpdateFromAlphaFunc(mob, {func.id}) "
                            f"({func.id} takes the mobject and alpha)")
            elif params == 1 and returns:
                node.func = ast.copy_location(ast.Name("ApplyFunction", ast.Load()), node.func)
                node.args = [func, mob]
                done.append(f"{original}(mob, {func.id}) -> ApplyFunction({func.id}, mob) "
                            f"({func.id} returns the mobject to become)")
            return node

    new = Replace().visit(pyparse.clone(stmt))
    if not done:
        return None
    return Cure("transform into a function", replace_statement(source, stmt, new),
                [Fix(stmt.lineno, "renamed_api", "; ".join(dict.fromkeys(done)))])


def all_updaters_cure(source: str, message: str) -> Cure | None:
    """``mob.remove_updater()`` with no function: the program meant to stop the mobject's
    updaters (its only one, as a rule); manim's call for that is ``clear_updaters()``. Every
    such call changes in one step."""
    m = _MISSING_DT.search(message)
    tree = parse(source)
    if m is None or m.group(1) != "remove_updater" or tree is None:
        return None

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "remove_updater" and not node.args and not node.keywords):
                node.func.attr = "clear_updaters"
                done.append(f"{ast.unparse(node.func.value)}.remove_updater() -> .clear_updaters() "
                            "(it names no updater: all of them)")
        return done

    edits, fixes = rewrite_each(simple_statements(tree), change, "renamed_api")
    return Cure("all updaters", replace_statements(source, edits), fixes) if edits else None


_REDRAW_PARAMETER = re.compile(r"(\w+)\(\) missing 1 required positional argument: '(\w+)'")


def redraw_parameter_cure(source: str, message: str, line: int | None) -> Cure | None:
    """``always_redraw(update_labels)`` where ``def update_labels(mob):`` builds and returns a
    new mobject and never reads ``mob``: written as an updater, used as always_redraw's
    function, which manim calls with nothing. The unused parameter gets ``None``:
    ``always_redraw(lambda: update_labels(None))``."""
    m = _REDRAW_PARAMETER.search(message)
    found = failing_statement(source, line) if m else None
    if m is None or found is None:
        return None
    tree, stmt = found
    name, param = m.group(1).rsplit(".", 1)[-1], m.group(2)
    fn = _defs(tree).get(name)
    if fn is None or len(fn.args.args) != 1 or fn.args.args[0].arg != param or fn.args.defaults \
            or _uses(fn, param):
        return None

    def change(new: ast.stmt) -> list[str]:
        done = []
        for call in (c for c in pyparse.walk(new) if isinstance(c, ast.Call)):
            if (isinstance(call.func, ast.Name) and call.func.id == "always_redraw" and len(call.args) == 1
                    and isinstance(call.args[0], ast.Name) and call.args[0].id == name):
                call.args[0] = ast.Lambda(
                    args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
                    body=ast.Call(func=ast.Name(name, ast.Load()), args=[ast.Constant(None)], keywords=[]))
                done.append(f"always_redraw({name}) -> always_redraw(lambda: {name}(None)) "
                            f"({name} builds the mobject and never reads {param})")
        return done

    edits, fixes = rewrite_each([stmt], change, "renamed_api")
    return Cure("redraw function", replace_statements(source, edits), fixes) if edits else None
