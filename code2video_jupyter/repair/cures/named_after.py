"""A class manim does not have, named for the manim class it would be: the class its name ends
with (``CurvedArc(radius=1.5, angle=PI / 2)`` -> ``Arc``, ``SmoothTransform(a, b)`` ->
``Transform``), when that class takes every call of it as written: each positional argument has
a place, each keyword is a parameter of the class (or of what it passes its keywords on to), no
required parameter is missing. A call it would not take (``WavedLine(a, b, amplitude=0.3)``:
a Line has no waves) leaves the name for the model; so does any use of the name other than a
call (``isinstance(m, CurvedArc)``, a base class)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, parse, replace_names

_NOT_DEFINED = re.compile(r"name '([A-Z][A-Za-z0-9]*)' is not defined")
_WORD = re.compile(r"[A-Z][a-z0-9]*|[A-Z]+(?![a-z])")


def named_after_cure(source: str, message: str, ns: Namespace) -> Cure | None:
    m = _NOT_DEFINED.search(message)
    tree = parse(source)
    if m is None or tree is None:
        return None
    name = m.group(1)
    nodes = list(pyparse.walk(tree))
    if name in pyparse.bound_names(nodes):
        return None
    uses = [n for n in nodes if isinstance(n, ast.Name) and n.id == name]
    calls = [n for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name]
    if not uses or len(calls) != len(uses):
        return None
    words = _WORD.findall(name)
    if "".join(words) != name or any(ns.class_key("".join(words[:i])) for i in range(1, len(words))):
        return None  # FadeInText: an animation of a text, or a text? not a class named after one
    played = {id(a) for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
              and n.func.attr == "play" for a in n.args}
    for i in range(1, len(words)):  # the longest ending first: LabeledDashedLine is a DashedLine
        real = "".join(words[i:])
        key = ns.class_key(real)
        # a call played must become an animation, and an animation is only played
        if key is not None and all(_takes(ns, key, c) and (id(c) in played) == ns.is_animation(real)
                                   for c in calls):
            spans = [(c.func.lineno, c.func.col_offset, name, real) for c in calls]
            what = (f"{name} -> {real} (manim has no {name}; {real}, the class its name ends with, "
                    "takes each of its calls as written)")
            return Cure("named after", replace_names(source, spans), [Fix(calls[0].lineno, "close_match", what)])
    return None


def _takes(ns: Namespace, key: str, call: ast.Call) -> bool:
    init = ns.method(key, "__init__")
    if init is None or init.required is None:
        return False
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return False  # *args / **kwargs: what they hold is not known here
    if len(call.args) > len(init.positional) and init.varargs is None:
        return False
    params, _ = ns.init_params(key)
    named = {k.arg for k in call.keywords}
    if any(k not in params for k in named):
        return False
    given = set(init.positional[:len(call.args)]) | named
    return all(r in given for r in init.required)
