"""``from manim.some.module import Name`` where the name moved or is gone (ImportError), or
where the module itself does not exist (``manim.objects.polyhedron``, ModuleNotFoundError):
import it from ``manim`` itself, under its Community name when it was renamed
(``ParametricSurface`` -> ``Surface``), keeping the name the file uses."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from .. import renames
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, comment_out, parse, replace_statement

_IMPORT = re.compile(r"cannot import name '(\w+)' from '([\w.]+)'")
_MODULE = re.compile(r"No module named '(manim(?:\.\w+)+)'")
_BY_STRING = frozenset({"globals", "vars", "locals", "eval", "exec"})


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
    if (gone := _MODULE.search(message)) and tree is not None:
        return _module_cure(source, tree, gone.group(1), ns)
    if not m or tree is None or not m.group(2).startswith("manim"):
        return None
    name = m.group(1)
    for node in pyparse.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == name for a in node.names):
            new = _ce_name(name, ns)
            if new is None:
                return _unused_cure(source, tree, node, name)
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


def _unused_cure(source: str, tree: ast.Module, node: ast.ImportFrom, name: str) -> Cure | None:
    """A name manim no longer has (``Colors``, the colour enum before 0.18) that the file
    imports and never uses: it leaves the import; what else the import brings stays."""
    bound = {a.asname or a.name for a in node.names if a.name == name}
    # a file that looks its names up by string (globals()[f"{key}_VERTICES"]) may use it
    if any(isinstance(n, ast.Name) and (n.id in bound or n.id in _BY_STRING) for n in pyparse.walk(tree)):
        return None
    why = f"{node.module} has no {name}, and the file never uses it"
    kept = [a for a in node.names if a.name != name]
    text = (replace_statement(source, node, ast.ImportFrom(module=node.module, names=kept, level=node.level))
            if kept else comment_out(source, tree, node, f"fix: removed `{ast.unparse(node)}` ({why})"))
    return Cure("import", text, [Fix(node.lineno, "import", f"removed {name} from the import: {why}")])


def _module_cure(source: str, tree: ast.Module, module: str, ns: Namespace) -> Cure | None:
    """Every name the missing module was to give, from ``manim``: only when manim has them all."""
    for node in pyparse.walk(tree):
        if not (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                and (node.module == module or node.module.startswith(module + "."))):
            continue
        if any(a.name == "*" for a in node.names):
            return _star_cure(source, node, ns)
        new = {a.name: _ce_name(a.name, ns) for a in node.names}
        if not all(new.values()):
            return None
        aliases = [ast.alias(name=ce, asname=None if ce == (a.asname or a.name) else a.asname or a.name)
                   for a in node.names for ce in [new[a.name] or a.name]]
        text = ast.unparse(ast.ImportFrom(module="manim", names=aliases, level=0))
        lines = replace_statement(source, node, pyparse.parse(text))
        names = ", ".join(a.name for a in node.names)
        return Cure("import", lines, [Fix(node.lineno, "import",
                                          f"import {names} from manim ({node.module} does not exist)")])
    return None


def _star_cure(source: str, node: ast.ImportFrom, ns: Namespace) -> Cure | None:
    """``from manim.color import *``: the manim module of that name (``manim.utils.color``)
    when exactly one has it, else ``manim`` itself, whose star holds what its modules give."""
    tail = "." + (node.module or "").rsplit(".", 1)[-1]
    same = sorted(m for m in ns.manim_modules if m.endswith(tail))
    module = same[0] if len(same) == 1 else "manim"
    text = ast.unparse(ast.ImportFrom(module=module, names=[ast.alias(name="*")], level=0))
    return Cure("import", replace_statement(source, node, pyparse.parse(text)), [Fix(
        node.lineno, "import", f"from {node.module} import * -> from {module} import * "
        f"({node.module} does not exist)")])
