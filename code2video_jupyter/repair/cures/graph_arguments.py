"""``axes.get_area(f, x_range=[0, 2])`` with ``f`` a Python function: the axes' methods that
take a graph (get_area, get_riemann_rectangles, i2gp, get_graph_label...) want the curve the
axes drew for it ("'function' object has no attribute 'function'"). The function is given as
its graph on those axes: ``axes.get_area(axes.plot(f), x_range=[0, 2])``."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..function_graphs import function_names
from ..namespace import Namespace
from .edit import Cure, failing_statement, rewrite_failing

_A_FUNCTION = re.compile(r"'function' object has no attribute")
_GRAPH_KEYWORDS = ("graph", "bounded_graph")


def graph_argument_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    found = failing_statement(source, line)
    axes = ns.class_key("Axes")
    if found is None or axes is None or not _A_FUNCTION.search(message):
        return None
    functions = function_names(found[0])

    def a_function(node: ast.expr) -> bool:
        return isinstance(node, ast.Lambda) or (isinstance(node, ast.Name) and node.id in functions)

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for call in (n for n in pyparse.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)):
            sig = ns.method(axes, call.func.attr)
            if sig is None or "graph" not in sig.params:
                continue
            receiver = call.func.value
            spots = [(i, a) for i, a in enumerate(call.args) if i == sig.params.index("graph") and a_function(a)]
            for i, arg in spots:
                call.args[i] = ast.Call(ast.Attribute(pyparse.clone(receiver), "plot", ast.Load()), [arg], [])
            for k in call.keywords:
                if k.arg in _GRAPH_KEYWORDS and a_function(k.value):
                    spots.append((-1, k.value))
                    k.value = ast.Call(ast.Attribute(pyparse.clone(receiver), "plot", ast.Load()), [k.value], [])
            done += [f".{call.func.attr}({ast.unparse(a)}) -> .{call.func.attr}({ast.unparse(receiver)}.plot("
                     f"{ast.unparse(a)})): it takes the function's graph" for _, a in spots]
        return done

    return rewrite_failing(source, line, change, "function for its graph", "unknown_attribute")
