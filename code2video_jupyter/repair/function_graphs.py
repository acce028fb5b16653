"""The graph of a function asked of a call made for something else:

- ``Graph(f, ...)``: Manim Community's Graph is a network of vertices and edges (it fails for want
  of ``edges``); the graph of a function is ``FunctionGraph(f, ...)``. Older manim and many
  tutorials used the name for a function's curve, and models follow them.
- ``axes.plot_line_graph(f, ...)``: a line through data points (``x_values``, ``y_values``); the
  curve of a function on axes is ``axes.plot(f, ...)``; so is the ``axes.plot_line(f, ...)``
  models make up.

Renamed before the gate looks at the call, so its keywords are checked against the right
callee (``x_min``/``x_max`` become FunctionGraph's ``x_range``, ``color`` stays) instead of
being dropped as unknown to the wrong one. Only where the first argument is a function: a
lambda, or a name the file binds to a ``def`` or a lambda."""

from __future__ import annotations

import ast

from .. import pyparse
from .cures.edit import replace_names
from .fixes import Fix

_RENAMES = {"Graph": ("FunctionGraph", "f is a function, not a list of vertices"),
            "plot_line_graph": ("plot", "f is a function, not a list of x values"),
            "plot_line": ("plot", "the curve of a function on the axes")}
_METHODS = ("plot_line_graph", "plot_line")


def function_names(tree: ast.Module) -> set[str]:
    """Names the file binds to a ``def`` or a lambda."""
    out = {n.name for n in pyparse.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    out |= {t.id for n in pyparse.walk(tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Lambda)
            for t in n.targets if isinstance(t, ast.Name)}
    return out


def function_graphs(source: str) -> tuple[str, list[Fix]]:
    if "Graph(" not in source and "plot_line" not in source:
        return source, []
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    functions = function_names(tree)
    own = {n.name for n in pyparse.walk(tree) if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    spots: list[tuple[int, int, str]] = []  # (line, column, old name)
    for n in pyparse.walk(tree):
        if not (isinstance(n, ast.Call) and n.args and (
                isinstance(n.args[0], ast.Lambda)
                or (isinstance(n.args[0], ast.Name) and n.args[0].id in functions))):
            continue
        if isinstance(n.func, ast.Name) and n.func.id == "Graph" and "Graph" not in own:
            spots.append((n.func.lineno, n.func.col_offset, "Graph"))
        elif (isinstance(n.func, ast.Attribute) and n.func.attr in _METHODS and len(n.args) == 1
              and n.func.attr not in own and n.func.end_col_offset is not None):
            spots.append((n.func.end_lineno or n.func.lineno, n.func.end_col_offset - len(n.func.attr),
                          n.func.attr))
    if not spots:
        return source, []
    text = replace_names(source, [(row, col, old, _RENAMES[old][0]) for row, col, old in spots])
    return text, [Fix(row, "renamed_api", f"{old}(f) -> {_RENAMES[old][0]}(f): {_RENAMES[old][1]}")
                              for row, _, old in sorted(spots)]
