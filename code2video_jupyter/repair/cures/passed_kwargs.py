"""A helper that sets a keyword itself and passes its caller's ``**kwargs`` on, called with that
keyword (``def histogram(self, data, **kwargs): return BarChart(values, bar_names=names,
**kwargs)`` called as ``self.histogram(throws, bar_names=faces)``): "BarChart() got multiple
values for keyword argument 'bar_names'". The helper's own value becomes the default the
caller's overrides, ``bar_names=kwargs.pop('bar_names', names)``: what each caller asked for,
and the helper's choice for the callers that did not say."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..fixes import Fix
from .edit import Cure, call_name, enclosing_function, parse, replace_statement, statement_at

_MULTIPLE = re.compile(r"got multiple values for keyword argument '(\w+)'")


def splats(call: ast.AST, name: str) -> bool:
    """Whether ``call`` passes the mapping ``name`` on as keywords (``f(..., **name)``)."""
    return isinstance(call, ast.Call) and any(
        k.arg is None and isinstance(k.value, ast.Name) and k.value.id == name for k in call.keywords)


def passed_kwargs_cure(source: str, message: str, line: int | None) -> Cure | None:
    m = _MULTIPLE.search(message)
    tree = parse(source) if m and line is not None else None
    stmt = statement_at(tree, line) if tree is not None else None
    helper = enclosing_function(tree, stmt) if stmt is not None else None
    if helper is None or helper.args.kwarg is None:
        return None
    kw, passed = m.group(1), helper.args.kwarg.arg
    new = pyparse.clone(stmt)
    done: list[str] = []
    for call in pyparse.walk(new):
        if not splats(call, passed):
            continue
        for k in call.keywords:
            if k.arg == kw:
                old = ast.unparse(k.value)
                k.value = ast.Call(ast.Attribute(ast.Name(passed, ast.Load()), "pop", ast.Load()),
                                   [ast.Constant(kw), k.value], [])
                done.append(f"{call_name(call)}({kw}={old}, **{passed}) -> {kw}={passed}.pop('{kw}', "
                            f"{old}): {helper.name}'s caller gave {kw} too; its own is the default")
    if not done:
        return None
    return Cure("keyword passed on", replace_statement(source, stmt, new),
                [Fix(stmt.lineno, "passed_kwarg", d) for d in done])
