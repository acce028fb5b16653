"""``Graph(f, ...)`` with a function: Manim Community's Graph is a network of vertices and edges
(it fails for want of ``edges``); the graph of a function is FunctionGraph. Older manim and many
tutorials used the name for a function's curve, and models follow them. Renamed before the
gate looks at the call, so its keywords are checked against FunctionGraph (``x_min``/``x_max``
become its ``x_range``, ``color`` stays) instead of being dropped as unknown to Graph."""

from __future__ import annotations

import ast

from .. import pyparse
from .fixes import Fix


def function_graphs(source: str) -> tuple[str, list[Fix]]:
    if "Graph(" not in source:
        return source, []
    try:
        tree = pyparse.parse(source)
    except SyntaxError:
        return source, []
    functions = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    functions |= {t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) and isinstance(n.value, ast.Lambda)
                  for t in n.targets if isinstance(t, ast.Name)}
    if any(isinstance(n, ast.ClassDef) and n.name == "Graph" for n in ast.walk(tree)):
        return source, []  # the file's own Graph
    spots = sorted(((n.func.lineno, n.func.col_offset) for n in ast.walk(tree)
                    if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "Graph"
                    and n.args and (isinstance(n.args[0], ast.Lambda)
                                    or (isinstance(n.args[0], ast.Name) and n.args[0].id in functions))),
                   reverse=True)
    if not spots:
        return source, []
    lines = source.split("\n")
    for row, col in spots:  # bottom up, right to left: earlier columns stay right
        raw = lines[row - 1].encode()  # the AST's columns count UTF-8 bytes
        lines[row - 1] = (raw[:col] + b"FunctionGraph" + raw[col + len("Graph"):]).decode()
    return "\n".join(lines), [Fix(row, "renamed_api", "Graph(f) -> FunctionGraph(f): f is a function, "
                                  "not a list of vertices") for row, _ in reversed(spots)]
