"""Build the namespace index: every name that ``from manim import *`` and the scaffold give a
scene, with signatures, attributes and doc heads. Runs in its own process (it imports manim);
the static gate only reads the JSON it prints.

Run as ``python -m code2video_jupyter.repair.index_builder OUT.json``.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
import sys
import textwrap
import types
import warnings

from .. import pyparse

EXTRA_MODULES = ("numpy", "math", "random", "itertools", "functools", "collections", "typing")


def _doc_head(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ")[:300]


def _params(fn: object) -> dict | None:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    names, open_kw = [], False
    for p in sig.parameters.values():
        if p.kind is p.VAR_KEYWORD:
            open_kw = True
        elif p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in ("self", "cls"):
            names.append(p.name)
    # Default values print with memory addresses; drop them so prompts (and caches) are stable.
    text = re.sub(r" at 0x[0-9a-f]+>", ">", str(sig))
    return {"params": names, "open": open_kw, "sig": text if len(text) < 400 else text[:397] + "..."}


def _forwards(fn: object) -> list[str] | None:
    """The names of the methods (or functions) a **kwargs parameter is passed on to, so the
    gate can follow it; None when it goes somewhere that cannot be named."""
    try:
        sig = inspect.signature(fn)
        varkw = next((p.name for p in sig.parameters.values() if p.kind is p.VAR_KEYWORD), None)
        tree = pyparse.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, ValueError, SyntaxError, IndentationError):
        return None
    if varkw is None:
        return []
    targets = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and any(
                k.arg is None and isinstance(k.value, ast.Name) and k.value.id == varkw
                for k in node.keywords):
            if isinstance(node.func, ast.Attribute) and not (
                    isinstance(node.func.value, ast.Call)):  # super().__init__: not followed
                targets.append(node.func.attr)
            elif isinstance(node.func, ast.Name):
                targets.append(node.func.id)
            else:
                return None
    return targets or None


def _key(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _instance_attrs(cls: type) -> list[str]:
    try:
        tree = pyparse.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return []
    found = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name) and node.value.id == "self"):
            found.add(node.attr)
    return sorted(found)


def _class_entry(cls: type) -> dict:
    methods = {}
    members = dict(vars(cls))
    if "_original__init__" in members:  # Mobject.set_default wraps __init__ in a partialmethod
        members["__init__"] = members.pop("_original__init__")
    for name, value in members.items():
        fn = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
        if isinstance(value, property):
            methods[name] = {"property": True, "doc": _doc_head(value)}
        elif callable(fn) and (not name.startswith("__") or name == "__init__"):
            info = _params(fn) or {"params": [], "open": True, "sig": "(...)"}
            info["doc"] = _doc_head(fn)
            if info["open"]:
                info["forwards"] = _forwards(fn)
            methods[name] = info
    return {
        "mro": [_key(c) for c in cls.__mro__],
        "attrs": sorted(set(dir(cls))),
        "iattrs": _instance_attrs(cls),
        "methods": methods,
        "getattr": "__getattr__" in vars(cls),
        "doc": _doc_head(cls),
    }


def _hidden_names(exported: set[str]) -> dict[str, str]:
    """Public constants and classes of manim's modules that ``from manim import *`` does not
    give (``X_COLOR`` of the vector-space scenes, which 3b1b's code uses bare): name -> the one
    module that defines it. A name two modules define differently is left out (no guess)."""
    from manim import Animation, Mobject

    drawable = (Mobject, Animation)
    out: dict[str, str] = {}
    seen: dict[str, object] = {}
    for mod_name, mod in sorted(sys.modules.items()):
        if not mod_name.startswith("manim.") or "._" in mod_name or mod is None:
            continue  # manim's own modules, not its private ones
        for name, value in vars(mod).items():
            if name.startswith("_") or name in exported or isinstance(value, types.ModuleType):
                continue
            if isinstance(value, (type, types.FunctionType)) and value.__module__ != mod_name:
                continue  # imported there, defined elsewhere
            if type(value).__module__ == "typing" or name == "TYPE_CHECKING":
                continue  # type variables and aliases: not for scenes
            easing = mod_name == "manim.utils.rate_functions" and name.startswith("ease_")
            if not (name.isupper() or easing or (isinstance(value, type) and issubclass(value, drawable))):
                continue  # a function's name may be a maths one too (rate_functions.sqrt)
            if "opengl" in mod_name or mod_name.startswith("manim.renderer."):
                continue  # the OpenGL renderer's classes do not draw with the Cairo one
            if mod_name.startswith("manim.utils.color."):
                continue  # colour palettes (XKCD, X11...): colours have their own repair
            if name in seen and seen[name] is not value:
                out.pop(name, None)
                seen[name] = None  # type: ignore[assignment]
                continue
            if name not in seen:
                seen[name] = value
                out[name] = mod_name
    return dict(sorted(out.items()))


def build() -> dict:
    warnings.simplefilter("ignore")
    import manim

    star: dict = {}
    ns: dict = {}
    exec("from manim import *", ns)
    # what a plain manim file sees; the scaffold's names only come with its own star import
    manim_star = sorted(n for n in ns if not n.startswith("__"))
    exec("from code2video_jupyter.scaffold import *", ns)
    classes: dict = {}

    def add_class(cls: type) -> None:
        for c in cls.__mro__:
            if _key(c) not in classes and c is not object:
                classes[_key(c)] = _class_entry(c)

    for name, value in ns.items():
        if name.startswith("__"):
            continue
        if isinstance(value, type):
            add_class(value)
            init = _params(getattr(value, "_original__init__", value.__init__))
            star[name] = {"kind": "class", "key": _key(value), "doc": _doc_head(value),
                          "sig": (init or {}).get("sig", "(...)")}
        elif isinstance(value, types.ModuleType):
            star[name] = {"kind": "module", "module": value.__name__}
        elif callable(value):
            info = _params(value) or {"params": [], "open": True, "sig": "(...)"}
            star[name] = {"kind": "function", **info, "doc": _doc_head(value)}
        else:
            star[name] = {"kind": "value", "type": type(value).__name__}
    # Types that methods commonly return, so chained calls can be followed later.
    for extra in ("_AnimationBuilder",):
        obj = getattr(manim.mobject.mobject, extra, None)
        if isinstance(obj, type):
            add_class(obj)
    modules = {}
    for mod_name in EXTRA_MODULES:
        mod = __import__(mod_name)
        modules[mod_name] = sorted(n for n in dir(mod) if not n.startswith("__"))
    colors = sorted(n for n, v in ns.items() if type(v).__name__ == "ManimColor")
    hidden = _hidden_names(set(manim_star))
    from manim.utils.color import X11

    x11 = {n.lower(): getattr(X11, n).to_hex() for n in dir(X11)
           if n.isupper() and type(getattr(X11, n)).__name__ == "ManimColor"}
    from manim.utils.color import XKCD

    # xkcd's colour survey names the colours people name (BLUEGREY, LIGHTBLUE, DARKGREEN)
    xkcd = {n: getattr(XKCD, n).to_hex() for n in sorted(dir(XKCD))
            if n.isupper() and type(getattr(XKCD, n)).__name__ == "ManimColor"}
    return {"manim": manim.__version__, "star": star, "manim_star": manim_star, "classes": classes, "modules": modules,
            "colors": colors, "x11": x11, "xkcd": xkcd, "hidden": hidden}


if __name__ == "__main__":
    data = build()
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(data, f)
