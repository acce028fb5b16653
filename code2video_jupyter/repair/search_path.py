"""What a scene adds to Python's module search path, worked out without running it.

Scenes in a project reach the project's own modules with ``sys.path.insert(0, ...)`` of a folder
computed from ``__file__`` (``Path(__file__).resolve().parents[2]``,
``os.path.join(os.path.dirname(__file__), "..", "shared")``). The repair needs those folders to
find the modules (repair/project.py) before any code runs, so the common forms are evaluated
here on paths alone; anything else is "unknown". In the sandbox the scene's checked copies of
its modules lie beside it, so the set-up statements are emptied in the copy that runs there
(``without_path_setup``): a project folder the sandbox can see (read-only) must not put the
originals first on the path."""

from __future__ import annotations

import ast
import os
from pathlib import Path

from .. import pyparse

_OS_PATH = {"dirname", "abspath", "realpath", "normpath", "join"}
_PATH_ATTRS = {"parent"}
_PATH_METHODS = {"resolve", "absolute", "expanduser"}


def path_setup_calls(tree: ast.AST) -> list[ast.Call]:
    """``sys.path.insert(i, p)``, ``sys.path.append(p)`` and ``sys.path.extend([...])`` calls."""
    return [n for n in pyparse.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("insert", "append", "extend")
            and isinstance(n.func.value, ast.Attribute) and n.func.value.attr == "path"
            and isinstance(n.func.value.value, ast.Name) and n.func.value.value.id == "sys"]


def added_folders(tree: ast.Module, scene: Path) -> tuple[list[Path], bool]:
    """The folders the scene's ``sys.path`` calls add, for the scene at ``scene`` (existing
    folders only), and whether some call could not be worked out (a path of another machine,
    an environment variable, a computation this does not follow)."""
    names = assigned_once(tree)
    found: list[Path] = []
    unknown = False
    for call in path_setup_calls(tree):
        attr = call.func.attr  # type: ignore[attr-defined]
        args = call.args[1:] if attr == "insert" else call.args
        exprs = (args[0].elts if attr == "extend" and args and isinstance(args[0], (ast.List, ast.Tuple))
                 else args[:1])
        for expr in exprs:
            value = _evaluate(expr, scene, names, depth=0)
            folder = Path(value) if isinstance(value, (str, Path)) else None
            if folder is not None and not folder.is_absolute():
                folder = None  # relative to whatever folder manim was started in: not known here
            if folder is None or not folder.is_dir():
                unknown = True
            elif folder not in found:
                found.append(Path(os.path.normpath(folder)))
    return found, unknown


def without_path_setup(source: str) -> str:
    """``source`` with each statement that only calls ``sys.path.insert/append/extend``
    replaced by ``pass`` (same lines, so errors keep their line numbers)."""
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source
    calls = {id(c) for c in path_setup_calls(tree)}
    spans = [(s.lineno, s.col_offset, s.end_lineno or s.lineno, s.end_col_offset or 0)
             for s in pyparse.walk(tree)
             if isinstance(s, ast.Expr) and id(s.value) in calls]
    if not spans:
        return source
    lines = source.split("\n")
    for line, col, end_line, end_col in sorted(spans, reverse=True):
        # (ast counts columns in UTF-8 bytes)
        head = lines[line - 1].encode()[:col].decode(errors="replace")
        tail = lines[end_line - 1].encode()[end_col:].decode(errors="replace")
        if end_line > line and tail.strip():
            continue  # more code after it on its last line: left as it is
        lines[line - 1:end_line] = [head + "pass" + tail, *([""] * (end_line - line))]
    return "\n".join(lines)


def assigned_once(tree: ast.Module) -> dict[str, ast.expr]:
    """Top-level names assigned exactly once (``ROOT = Path(__file__).parent``)."""
    seen: dict[str, list[ast.expr]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            seen.setdefault(node.targets[0].id, []).append(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            seen.setdefault(node.target.id, []).append(node.value)
    return {k: v[0] for k, v in seen.items() if len(v) == 1}


def evaluate_path(node: ast.expr, scene: Path, names: dict[str, ast.expr]) -> str | Path | int | None:
    """The value of a path expression for the scene at ``scene`` (``names``: assigned_once),
    or None when it is not one of the forms followed here."""
    return _evaluate(node, scene, names, depth=0)


def _evaluate(node: ast.expr, scene: Path, names: dict[str, ast.expr], depth: int) -> str | Path | int | None:
    """The value of a path expression, or None when it is not one this follows."""
    if depth > 20:
        return None

    def ev(n: ast.expr) -> str | Path | int | None:
        return _evaluate(n, scene, names, depth + 1)

    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int)):
        return node.value
    if isinstance(node, ast.Name):
        if node.id == "__file__":
            return str(scene)
        return ev(names[node.id]) if node.id in names else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left, right = ev(node.left), ev(node.right)
        return Path(left) / right if isinstance(left, Path) and isinstance(right, (str, Path)) else None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "parents":
        base, index = ev(node.value.value), ev(node.slice)
        if isinstance(base, Path) and isinstance(index, int) and 0 <= index < len(base.parents):
            return base.parents[index]
        return None
    if isinstance(node, ast.Attribute) and node.attr in _PATH_ATTRS:
        base = ev(node.value)
        return base.parent if isinstance(base, Path) else None
    if not isinstance(node, ast.Call):
        return None
    func, args = node.func, [ev(a) for a in node.args]
    if any(a is None for a in args) or node.keywords:
        return None
    name = ast.unparse(func)
    if name in ("Path", "pathlib.Path", "PurePath") and args:
        return Path(*(str(a) for a in args))
    if name in ("str", "os.fspath") and len(args) == 1 and isinstance(args[0], (str, Path)):
        return str(args[0])
    if name.startswith(("os.path.", "path.")) and name.rsplit(".", 1)[1] in _OS_PATH and args:
        op = name.rsplit(".", 1)[1]
        parts = [str(a) for a in args]
        if op == "join":
            return os.path.join(*parts)
        if op == "dirname":
            return os.path.dirname(parts[0])
        # abspath, realpath, normpath: of a path made from __file__ (relative ones depend on
        # the folder manim was started in)
        return os.path.normpath(parts[0]) if os.path.isabs(parts[0]) else None
    if isinstance(func, ast.Attribute) and func.attr in _PATH_METHODS and not args:
        base = ev(func.value)
        return Path(os.path.normpath(base)) if isinstance(base, Path) else None
    if isinstance(func, ast.Attribute) and func.attr == "joinpath":
        base = ev(func.value)
        return base.joinpath(*(str(a) for a in args)) if isinstance(base, Path) else None
    return None
