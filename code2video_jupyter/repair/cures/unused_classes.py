"""Another class of the file stops the import of the scene that is rendered: its base, or a
statement of its body that runs when the class is made, names what exists nowhere
(``class Q(TeacherStudentsScene):`` in a file of 3b1b's scenes, a helper scene built on a
base the model invented). Python makes every class of a module when it is imported, so the
scene asked for never gets its turn. Such a class, and the classes built on it, are commented
out when the scene rendered neither is one of them nor uses them: the video is the same."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..fixes import Fix
from .edit import Cure, parse

_UNDEFINED = re.compile(r"name '(\w+)' is not defined")


def unused_class_cure(source: str, message: str, line: int | None, scene_class: str | None) -> Cure | None:
    m = _UNDEFINED.search(message)
    tree = parse(source)
    if m is None or tree is None or line is None or not scene_class:
        return None
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    failing = next((c for c in classes.values() if _made_at(c, line)), None)
    if failing is None or failing.name == scene_class or scene_class not in classes:
        return None
    # every class built on the same missing name goes at once (one run for them all)
    dropped = {failing.name} | {c.name for c in classes.values() if m.group(1) in _names(c.bases)}
    grown = True
    while grown:  # the classes built on a dropped one go with it
        grown = False
        for c in classes.values():
            if c.name not in dropped and _names(c.bases) & dropped:
                dropped.add(c.name)
                grown = True
    if scene_class in dropped:
        return None
    kept_uses = {n.id for node in tree.body if not (isinstance(node, ast.ClassDef) and node.name in dropped)
                 for n in pyparse.walk(node) if isinstance(n, ast.Name)}
    if kept_uses & dropped:
        return None  # what stays uses one of them: not unused
    lines = source.split("\n")
    fixes = []
    for name in sorted(dropped, key=lambda n: classes[n].lineno):
        c = classes[name]
        first = min([c.lineno] + [d.lineno for d in c.decorator_list]) - 1
        last = (c.end_lineno or c.lineno) - 1
        # each line kept as a comment: the file keeps its line numbers and the class its text
        lines[first:last + 1] = [f"# {ln}" if ln.strip() else ln for ln in lines[first:last + 1]]
        fixes.append(Fix(c.lineno, "unused_class", f"commented out class {name}: not the scene rendered "
                         f"({scene_class}) nor used by it, and making it needs '{m.group(1)}', defined nowhere"
                         if name == failing.name or m.group(1) in _names(classes[name].bases)
                         else f"commented out class {name}: built on one of those"))
    return Cure("unused class", "\n".join(lines), fixes)


def _made_at(c: ast.ClassDef, line: int) -> bool:
    """Whether ``line`` runs when class ``c`` is made: its header, decorators, or a statement of
    its body outside any function (a method's body runs only when it is called)."""
    header_end = c.body[0].lineno - 1 if c.body else c.lineno
    if min([c.lineno] + [d.lineno for d in c.decorator_list]) <= line <= max(c.lineno, header_end):
        return True
    for stmt in c.body:
        if stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno):
            return not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    return False


def _names(nodes: list[ast.expr]) -> set[str]:
    return {n.id for node in nodes for n in pyparse.walk(node) if isinstance(n, ast.Name)}
