"""A reply cut off by the model's length limit: unclosed brackets, half a statement, a block
header with no body at the end of the file. The cure keeps the program up to its last complete
statement (and gives an emptied block a body). A call to a method the cut reply never got to
write (``self.show_summary()`` in ``construct``, the method lost with the tail) is commented out
and reported as lost with it: nothing else could answer it."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..namespace import Namespace, load_namespace
from ..static_fixes import Fix
from ..text_fixes import parses
from .edit import Cure, parse
from .issues import manim_base
from .removal import comment_out_call

# How much of a file may be cut: more than this is not a truncated tail but broken code.
MAX_CUT_SHARE = 0.35



def looks_truncated(source: str, message: str, line: int | None) -> bool:
    """A cut reply fails at its very end (or leaves something open that only the end shows);
    an error earlier, or of another kind (an f-string's brace), is not a truncation."""
    if "f-string" in message:
        return False
    if re.search(r"was never closed|unexpected EOF|unterminated|EOF while", message):
        return True
    last = len(source.rstrip().split("\n"))
    return line is not None and line >= last


def truncation_cure(source: str, message: str, line: int | None,
                    ns: Namespace | None = None) -> Cure | None:
    if parses(source) or not looks_truncated(source, message, line):
        return None
    lines = source.rstrip().split("\n")
    limit = max(3, int(len(lines) * MAX_CUT_SHARE))
    # a method's header left last keeps its name, with an empty body: the calls to it still run
    heads = [lines] if re.match(r"\s*(async\s+)?def \w+", lines[-1]) else []
    for cut in range(1, min(limit, len(lines) - 1) + 1):
        head = lines[:-cut]
        while head and not head[-1].strip():
            head.pop()
        heads.append(head)
    for head in heads:
        for text in (head, _with_body(head)):
            if text and parses("\n".join(text)):
                kept = "\n".join(text) + "\n"
                if not re.search(r"^\s*class \w+", kept, re.M):
                    return None
                fixes = [Fix(len(text), "truncated", (
                    f"cut a truncated tail of {len(lines) - len(head)} line(s): the program ends "
                    "at its last complete statement") if len(head) < len(lines) else (
                    f"line {len(lines)}: the method left without a body gets `pass`"))]
                kept, lost = _unwritten_calls(kept, ns)
                fixes += [Fix(line, "removed_statement", (
                    f"line {line}: self.{name}() commented out: the reply was cut before "
                    f"{name} was written (what it would show is lost with the tail)"))
                    for name, line in lost]
                return Cure("truncated tail", kept, fixes)
    return None


def _unwritten_calls(source: str, ns: Namespace | None) -> tuple[str, list[tuple[str, int]]]:
    """Bare calls ``self.m(...)`` to a method the file defines nowhere, in a class whose bases
    are its own or manim's (which lack it too): commented out, with each one's name and line."""
    tree = parse(source)
    if tree is None:
        return source, []
    nodes = list(pyparse.walk(tree))
    classes = {n.name: n for n in nodes if isinstance(n, ast.ClassDef)}
    # methods, names and attributes set anywhere (``self.show = ...`` answers ``self.show()``)
    defined = pyparse.bound_names(nodes) | {
        n.attr for n in nodes if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}
    calls: dict[str, list[ast.stmt]] = {}
    uses: dict[str, int] = {}
    for cls in classes.values():
        found = [n for n in pyparse.walk(cls) if isinstance(n, ast.Attribute) and n.attr not in defined
                 and isinstance(n.value, ast.Name) and n.value.id == "self"]
        if not found:
            continue
        ns = ns or load_namespace()  # only when a call may be to a method never written
        key = manim_base(tree, cls.name, ns)
        if key is None or not _bases_known(cls, classes, ns):
            continue
        for n in found:
            if not ns.has_attr(key, n.attr):
                uses[n.attr] = uses.get(n.attr, 0) + 1
        ids = {id(n) for n in found}
        for s in pyparse.walk(cls):
            if isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) \
                    and id(s.value.func) in ids and s.value.func.attr in uses:
                calls.setdefault(s.value.func.attr, []).append(s)
    lost = []
    for name in sorted(n for n, stmts in calls.items() if len(stmts) == uses[n]):  # only called bare
        for stmt in calls[name]:
            text = comment_out_call(source, stmt, f"the reply was cut before self.{name} was written")
            if text is None:
                return source, []
            source = text
            lost.append((name, stmt.lineno))
    return source, lost


def _bases_known(cls: ast.ClassDef, classes: dict[str, ast.ClassDef], ns: Namespace) -> bool:
    """Every class ``cls`` derives from is in this file or in manim: what it has is known."""
    seen: set[str] = set()
    todo = list(cls.bases)
    while todo:
        b = todo.pop()
        if not isinstance(b, ast.Name):
            return False
        if b.id in classes and b.id not in seen:
            seen.add(b.id)
            todo += classes[b.id].bases
        elif b.id not in classes and ns.class_key(b.id) is None:
            return False
    return True


def _with_body(lines: list[str]) -> list[str]:
    """A block header left last (``def f():``, ``for x in y:``) gets ``pass`` as its body."""
    if not lines or not lines[-1].rstrip().endswith(":"):
        return []
    indent = re.match(r"\s*", lines[-1]).group(0)
    return [*lines, indent + "    pass"]
