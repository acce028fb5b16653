"""The sandbox's policy as a lint: early, clear errors for code that tries to leave the scene.

The boundary itself is the sandboxed subprocess; this only explains, before a render, why
such code would fail or be refused there."""

from __future__ import annotations

import ast

ALLOWED_IMPORTS = frozenset({
    "manim", "numpy", "math", "cmath", "random", "itertools", "functools", "collections",
    "typing", "dataclasses", "string", "re", "fractions", "decimal", "statistics", "colorsys",
    "operator", "enum", "copy", "__future__", "code2video_jupyter",
    "scipy",  # pure computation, and a dependency of manim itself: always there
    "manimpango",  # manim's own text engine: its docs read font weights and fonts from it
})
BANNED_CALLS = frozenset({"open", "exec", "eval", "compile", "__import__", "input", "breakpoint",
                          "globals"})
BANNED_ATTRS = frozenset({"__subclasses__", "__globals__", "__builtins__", "__code__", "__mro__",
                          "__bases__", "__dict__", "system", "popen"})


def policy_issues(tree: ast.Module) -> list:
    from .gate import GateIssue

    issues = []

    def add(node: ast.AST, message: str) -> None:
        issues.append(GateIssue(kind="policy", line=getattr(node, "lineno", 1),
                                col=getattr(node, "col_offset", 0), message=message))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] not in ALLOWED_IMPORTS:
                    add(node, f"import of '{a.name}' is not allowed in a scene (allowed: manim, "
                              "numpy, math, random and other pure-computation modules)")
        elif isinstance(node, ast.ImportFrom):
            if node.level or (node.module or "").split(".")[0] not in ALLOWED_IMPORTS:
                add(node, f"import from '{node.module or '.'}' is not allowed in a scene")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in BANNED_CALLS:
                add(node, f"{node.func.id}() is not allowed in a scene (no file, code or "
                          "reflection access)")
        elif isinstance(node, ast.Attribute) and node.attr in BANNED_ATTRS:
            add(node, f"'.{node.attr}' is not allowed in a scene")
    return issues
