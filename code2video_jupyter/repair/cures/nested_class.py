"""``Polyhedron.Tetrahedron()``: a manim class reached through its base class, as if it were
nested there (``type object 'Polyhedron' has no attribute 'Tetrahedron'``). manim has it at the
top level, of the same kind (both mobjects, or both animations): use it by its own name, at
every use (``Polyhedron.Cube()`` is manim's ``Cube``, though that one is no Polyhedron)."""

from __future__ import annotations

import ast

from ... import pyparse
from ..fixes import Fix
from ..namespace import Namespace
from .edit import Cure, parse, replace_names
from .issues import TYPE_ATTR


def nested_class_cure(source: str, message: str, ns: Namespace) -> Cure | None:
    m = TYPE_ATTR.search(message)
    tree = parse(source)
    if not m or tree is None:
        return None
    base, name = m.groups()
    base_key, key = ns.class_key(base), ns.class_key(name)
    if base_key is None or key is None or not _same_kind(ns, base_key, key):
        return None
    # every class reached that way through this base, in one step
    names = sorted({n.attr for n in pyparse.walk(tree) if isinstance(n, ast.Attribute)
                    and isinstance(n.value, ast.Name) and n.value.id == base
                    and not ns.has_attr(base_key, n.attr) and (k := ns.class_key(n.attr))
                    and _same_kind(ns, base_key, k)} | {name})
    uses = [(n.lineno, n.col_offset, f"{base}.{n.attr}", n.attr) for n in pyparse.walk(tree)
            if isinstance(n, ast.Attribute) and n.attr in names
            and isinstance(n.value, ast.Name) and n.value.id == base]
    out = replace_names(source, uses)
    if out == source:
        return None
    what = ", ".join(f"{base}.{n} -> {n}" for n in names)
    return Cure("nested class", out, [Fix(min(u[0] for u in uses), "renamed_api",
                                          f"{what} (classes of their own in manim)")])


def _same_kind(ns: Namespace, a: str, b: str) -> bool:
    roots = [ns.class_key(r) for r in ("Mobject", "Animation")]
    return any(r is not None and r in ns.classes[a]["mro"] and r in ns.classes[b]["mro"]
               for r in roots)
