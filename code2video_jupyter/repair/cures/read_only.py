"""An attribute a class of the file sets on itself that manim already holds as a read-only
property: ``self.time = 0`` in a scene (``Scene.time`` is the renderer's clock), then
``self.time += dt`` in its own updater. Python refuses the first assignment ("property 'time'
of 'S' object has no setter"). The program keeps a value of its own under manim's name, so
every ``self.time`` of that class (and of the file's classes built on it) becomes
``self.time_``: its reads then see the value it set, as its author meant. A read before the
first assignment, in the function that makes it, saw manim's own value and keeps it."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..static_fixes import Fix
from .edit import Cure, call_name, enclosing_function, failing_statement, replace_names

_NO_SETTER = re.compile(r"property '(\w+)' of '(\w+)' object has no setter|can't set attribute '(\w+)'")


def read_only_attribute_cure(source: str, message: str, line: int | None) -> Cure | None:
    m = _NO_SETTER.search(message)
    found = failing_statement(source, line)
    if m is None or found is None:
        return None
    tree, stmt = found
    attr = m.group(1) or m.group(3)
    targets = {ast.Assign: lambda s: s.targets, ast.AugAssign: lambda s: [s.target],
               ast.AnnAssign: lambda s: [s.target]}
    get = targets.get(type(stmt))
    if get is None or not any(_is_self_attr(t, attr) for t in get(stmt)):
        return None  # only the program's own assignment to its own attribute is renamed
    owner = next((c for c in pyparse.walk(tree) if isinstance(c, ast.ClassDef)
                  and c.lineno <= stmt.lineno <= (c.end_lineno or c.lineno)), None)
    if owner is None or (m.group(2) and m.group(2) != owner.name and not _derives(tree, m.group(2), owner.name)):
        return None
    classes = [owner] + [c for c in pyparse.walk(tree) if isinstance(c, ast.ClassDef) and c is not owner
                         and _derives(tree, c.name, owner.name)]
    new = f"{attr}_"
    if any(_is_self_attr(n, new) for c in classes for n in pyparse.walk(c)):
        return None  # the new name is taken: renaming would merge two attributes
    # what the function that first sets it reads before that line is manim's own value (it is
    # read there before the program has one): those reads keep manim's name
    first = enclosing_function(tree, stmt)
    parents = pyparse.parents(first) if first is not None else {}
    earlier = {id(n) for n in pyparse.walk(first) if _is_self_attr(n, attr) and n.lineno < stmt.lineno
               and _read_at_once(n, first, parents)} if first is not None else set()
    spots = [n for c in classes for n in pyparse.walk(c) if _is_self_attr(n, attr) and id(n) not in earlier]
    # the attribute's own name ends the node: rename it where it stands, the rest of the line kept
    text = replace_names(source, [(n.end_lineno, n.end_col_offset - len(attr.encode()), attr, new)
                                  for n in spots if n.end_lineno is not None and n.end_col_offset is not None])
    if text == source:
        return None
    return Cure("read-only attribute", text, [Fix(
        stmt.lineno, "renamed_api", f"self.{attr} -> self.{new} in {owner.name}: manim's {attr} is a "
        f"read-only property, and the program keeps a value of its own under that name")])


# calls that keep the function they are given for later (an updater): the rest call it at once
# (always_redraw, axes.plot, a list's sort key) or are not known to keep it
_KEEP_FOR_LATER = frozenset({"add_updater", "UpdateFromFunc", "UpdateFromAlphaFunc", "always",
                             "f_always", "turn_animation_into_updater"})


def _read_at_once(node: ast.AST, function: ast.AST, parents: dict[int, ast.AST]) -> bool:
    """Whether ``node``, in ``function``, is read where it stands: not in a function defined
    for later, nor in a lambda given to a call that keeps it for later (an updater)."""
    up = parents.get(id(node))
    while up is not None and up is not function:
        if isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        if isinstance(up, ast.Lambda):
            call = parents.get(id(up))
            if isinstance(call, ast.Call) and call_name(call) in _KEEP_FOR_LATER:
                return False
        up = parents.get(id(up))
    return True


def _is_self_attr(node: ast.AST, attr: str) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == attr and isinstance(node.value, ast.Name)
            and node.value.id == "self")


def _derives(tree: ast.Module, name: str, base: str, depth: int = 0) -> bool:
    """Whether the file's class ``name`` is built on its class ``base`` (directly or not)."""
    if depth > 10:
        return False
    for c in pyparse.walk(tree):
        if isinstance(c, ast.ClassDef) and c.name == name:
            bases = [b.id for b in c.bases if isinstance(b, ast.Name)]
            return base in bases or any(_derives(tree, b, base, depth + 1) for b in bases)
    return False
