"""A type hint that names what a failed import did not bind: ``try: from utils.fractals import
Calculator`` ... ``except ImportError: pass``, then ``def make(self) -> Optional[Calculator]:``.
Python evaluates a function's annotations when it defines it, so the scene fails on a hint
although its code handles the missing module. With ``from __future__ import annotations`` the
hints stay text, as they are to every reader but a type checker; nothing else changes."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..fixes import Fix
from ..module_text import add_imports
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
