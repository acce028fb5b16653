"""``from manim.some.module import Name`` where the name moved or is gone (ImportError): import
it from ``manim`` itself, under its Community name when it was renamed (``ParametricSurface``
-> ``Surface``), keeping the name the file uses."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from .. import renames
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, parse, replace_statement

_IMPORT = re.compile(r"cannot import name '(\w+)' from '([\w.]+)'")


def _ce_name(name: str, ns: Namespace) -> str | None:
    if name in ns.manim_names:
        return name
    new = renames.NAMES.get(name)
    if new is None:
        from ..gl_map import load_gl_map

        entry = load_gl_map().name(name)
        new = entry.ce if entry is not None and entry.decision in ("same", "renamed") else None
    return new if new and new in ns.manim_names else None


def import_cure(source: str, message: str, ns: Namespace) -> Cure | None:
    m = _IMPORT.search(message)
    tree = parse(source)
    if not m or tree is None or not m.group(2).startswith("manim"):
        return None
    name = m.group(1)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == name for a in node.names):
            new = _ce_name(name, ns)
            if new is None:
                return None
            kept = [a for a in node.names if a.name != name]
            stmts: list[ast.stmt] = []
            if kept:
                stmts.append(ast.ImportFrom(module=node.module, names=kept, level=node.level))
            alias = ast.alias(name=new, asname=None if new == name else name)
            stmts.append(ast.ImportFrom(module="manim", names=[alias], level=0))
            text = "\n".join(ast.unparse(s) for s in stmts)
            module = pyparse.parse(text)
            lines = replace_statement(source, node, module)
            what = f"import {name} from manim" + (f" (its Community name is {new})" if new != name else "")
            return Cure("import", lines, [Fix(node.lineno, "import", what)])
    return None
