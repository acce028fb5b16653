"""What an import tried with a way out did not bind: ``try: from utils.fractals import
Calculator, PATHS`` ... ``except ImportError: print(...)``, the module absent here.

- A type hint naming it (``def make(self) -> Optional[Calculator]:``): Python evaluates a
  function's annotations when it defines it, so the scene fails on a hint although its code
  handles the missing module. With ``from __future__ import annotations`` the hints stay text,
  as they are to every reader but a type checker; nothing else changes.
- Code reading it (``if PATHS and "ship" in PATHS:``): the handler binds none of the import's
  names, so the scene's own test of whether it has them fails. The handler binds each to None,
  as such code expects of a module it could not load."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..fixes import Fix
from ..module_text import add_imports
from ..policy import catches_import_error
from .edit import Cure, parse

_NAME = re.compile(r"name '(\w+)' is not defined")
FUTURE = "from __future__ import annotations"


def annotation_name_cure(source: str, message: str, line: int | None) -> Cure | None:
    m = _NAME.search(message)
    tree = parse(source)
    if m is None or tree is None or line is None or _has_future(tree):
        return None
    name = m.group(1)
    hinted = [a for f in pyparse.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
              and f.lineno <= line <= (f.body[0].lineno if f.body else f.lineno)
              for a in _annotations(f) if any(isinstance(n, ast.Name) and n.id == name
                                              for n in pyparse.walk(a))]
    if not hinted:
        return None
    return Cure("annotations", add_imports(source, [FUTURE]), [Fix(
        line, "import", f"{FUTURE}: the hint naming {name} (which an import it tried did not bind) "
        "stays text")])


def _annotations(f: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    a = f.args
    args = [*a.posonlyargs, *a.args, *a.kwonlyargs, *(x for x in (a.vararg, a.kwarg) if x)]
    return [x.annotation for x in args if x.annotation is not None] + ([f.returns] if f.returns else [])


def _has_future(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.ImportFrom) and n.module == "__future__"
               and any(a.name == "annotations" for a in n.names) for n in tree.body)


def unbound_import_cure(source: str, message: str) -> Cure | None:
    m = _NAME.search(message)
    tree = parse(source)
    if m is None or tree is None:
        return None
    name = m.group(1)
    for node in pyparse.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        handler = next((h for h in node.handlers if catches_import_error(h)), None)
        names = [n for stmt in node.body for n in _imported(stmt)]
        if handler is None or name not in names:
            continue
        bound = {t.id for stmt in handler.body for t in pyparse.walk(stmt)
                 if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
        missing = [n for n in dict.fromkeys(names) if n not in bound]
        lines = source.split("\n")
        first, last = handler.body[0], handler.body[-1]
        binding = f"{' = '.join(missing)} = None"
        if first.lineno == handler.lineno and last.end_lineno == handler.lineno:
            # ``except ImportError: pass`` on one line: the binding joins it there
            raw = lines[handler.lineno - 1].encode()
            at = last.end_col_offset or len(raw)
            lines[handler.lineno - 1] = (raw[:at] + f"; {binding}".encode() + raw[at:]).decode()
        else:
            indent = re.match(r"\s*", lines[first.lineno - 1]).group(0)  # type: ignore[union-attr]
            lines.insert(first.lineno - 1, f"{indent}{binding}  # what the import would have bound")
        return Cure("unbound import", "\n".join(lines), [Fix(
            first.lineno, "import", f"{', '.join(missing)} = None where the import of them fails "
            "(the scene tests for them)")])
    return None


def _imported(stmt: ast.stmt) -> list[str]:
    if isinstance(stmt, ast.ImportFrom):
        return [a.asname or a.name for a in stmt.names if a.name != "*"]
    if isinstance(stmt, ast.Import):
        return [(a.asname or a.name).split(".")[0] for a in stmt.names]
    return []

