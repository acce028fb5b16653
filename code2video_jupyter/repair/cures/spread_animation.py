"""One animation given several mobjects: ``Write(title, subtitle)``, ``Create(a, b, c)``. Such an
animation takes one mobject; the second positional argument is its rate function, lag ratio or
colour, and the error comes from wherever that value is used ('Square' object is not callable,
unsupported operand type(s) for *: 'int' and 'Square', ...). The call becomes one animation per
mobject, in the same ``play`` (or an ``AnimationGroup`` where it stands alone), each with the
call's keywords. Only when every extra argument is surely a mobject, and the animation's second
parameter is not one it takes a mobject for (``Transform(a, b)`` and
``MoveAlongPath(dot, path)`` stay)."""

from __future__ import annotations

import ast
from collections.abc import Callable

from ... import pyparse
from ..gate import known_types
from ..namespace import Namespace
from .edit import Cure, call_name, failing_statement, replace_statements, rewrite_each

_GROUPS = frozenset({"play", "AnimationGroup", "LaggedStart", "Succession"})


def _single_mobject_animation(ns: Namespace, name: str) -> bool:
    key = ns.class_key(name)
    if key is None or not ns.is_animation(name):
        return False
    sig = ns.method(key, "__init__")
    params = list(sig.params) if sig else []
    # the second parameter is a setting (rate_func, lag_ratio, point_color...), not a mobject:
    # neither by its name nor by its type (MoveAlongPath(dot, path) takes ``path: VMobject``)
    if len(params) < 2 or any(w in params[1] for w in ("mobject", "target", "mob")):
        return False
    kind = (sig.annotation(params[1]) or "") if sig else ""
    return "Mobject" not in kind or kind.startswith("type[")


def spread_animation_cure(source: str, line: int | None, ns: Namespace) -> Cure | None:
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    types = known_types(tree, ns)
    mobject = ns.class_key("Mobject")

    def is_mobject(node: ast.expr) -> bool:
        key = types.of(node)
        return key is not None and mobject is not None and mobject in ns.classes[key]["mro"]

    # the failing statement, and the one assignment of each name it plays (anim = Write(a, b))
    read = {n.id for n in pyparse.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    assigned: dict[str, list[ast.Assign]] = {}
    for node in pyparse.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node)
    targets = [stmt] + [a[0] for n in sorted(read) if len(a := assigned.get(n, [])) == 1 and a[0] is not stmt]
    edits, fixes = rewrite_each(targets, lambda new: _spread(new, ns, is_mobject), "spread_animation")
    if not edits:
        return None
    return Cure("one animation per mobject", replace_statements(source, edits), fixes)


def _spread(stmt: ast.stmt, ns: Namespace, is_mobject: Callable[[ast.expr], bool]) -> list[str]:
    """Each animation of several mobjects in ``stmt`` made one per mobject, in place."""
    done: list[str] = []
    calls = [c for c in pyparse.walk(stmt) if isinstance(c, ast.Call)]
    for call in calls:
        if (len(call.args) == 1 and isinstance(call.args[0], ast.Starred)
                and _single_mobject_animation(ns, call_name(call))):
            done.append(_spread_starred(call, calls))
            continue
        if not (_single_mobject_animation(ns, call_name(call)) and len(call.args) >= 2
                and not any(isinstance(a, ast.Starred) for a in call.args)
                and all(is_mobject(a) for a in call.args)):
            continue
        parts = [ast.Call(func=pyparse.clone(call.func), args=[a], keywords=[pyparse.clone(k) for k in call.keywords])
                 for a in call.args]
        done.append(f"{call_name(call)}({len(call.args)} mobjects) -> one {call_name(call)} per mobject")
        holder = next((p for p in calls if call in p.args), None)
        if holder is not None and call_name(holder) in _GROUPS:
            i = holder.args.index(call)
            holder.args[i:i + 1] = parts
        else:
            call.func = ast.Name("AnimationGroup", ast.Load())
            call.args, call.keywords = parts, []
    return done


def _spread_starred(call: ast.Call, calls: list[ast.Call]) -> str:
    """``Create(*nodes.values())``: one animation per element, ``*[Create(mob) for mob in ...]`` in
    the play (or group) that holds it, else an ``AnimationGroup`` of them."""
    name = call_name(call)
    each = ast.Call(func=pyparse.clone(call.func), args=[ast.Name("mob", ast.Load())],
                    keywords=[pyparse.clone(k) for k in call.keywords])
    comp = ast.ListComp(elt=each, generators=[ast.comprehension(
        target=ast.Name("mob", ast.Store()), iter=call.args[0].value, ifs=[], is_async=0)])  # type: ignore[attr-defined]
    holder = next((p for p in calls if call in p.args), None)
    if holder is not None and call_name(holder) in _GROUPS:
        i = holder.args.index(call)
        holder.args[i] = ast.Starred(value=comp, ctx=ast.Load())
    else:
        call.func = ast.Name("AnimationGroup", ast.Load())
        call.args, call.keywords = [ast.Starred(value=comp, ctx=ast.Load())], []
    return f"{name}(*mobjects) -> one {name} per mobject"
