"""The sandbox's policy as a lint: early, clear errors for code that tries to leave the scene.

The boundary itself is the sandboxed subprocess; this only explains, before a render, why
such code would fail or be refused there."""

from __future__ import annotations

import ast
import importlib.util
import sys

from .. import pyparse
from .module_text import is_main_guard

ALLOWED_IMPORTS = frozenset({
    "manim", "numpy", "math", "cmath", "random", "itertools", "functools", "collections",
    "typing", "dataclasses", "string", "re", "fractions", "decimal", "statistics", "colorsys",
    "operator", "enum", "copy", "__future__", "code2video_jupyter",
    "warnings",  # a scene's note that LaTeX is missing, or silencing one of numpy's
    "scipy",  # pure computation, and a dependency of manim itself: always there
    "manimpango",  # manim's own text engine: its docs read font weights and fonts from it
})
# os.path's questions about names and paths: a scene asking whether its image is there
# (``if os.path.exists("logo.png") ... else Text(...)``) reads nothing and changes nothing
PATH_QUERIES = frozenset({"exists", "isfile", "isdir", "join", "basename", "dirname", "splitext",
                          "abspath", "normpath", "relpath", "split"})
BANNED_CALLS = frozenset({"open", "exec", "eval", "compile", "__import__", "input", "breakpoint",
                          "globals"})
BANNED_ATTRS = frozenset({"__subclasses__", "__globals__", "__builtins__", "__code__", "__mro__",
                          "__bases__", "__dict__", "system", "popen"})


# what a Path can do to files: with none of these in the file, pathlib only does path arithmetic
# (``Path(__file__).resolve().parents[2]``, for a scene's sys.path set-up)
PATH_FILE_OPS = frozenset({"read_text", "read_bytes", "write_text", "write_bytes", "open", "unlink",
                           "rmdir", "mkdir", "rename", "replace", "touch", "chmod", "symlink_to",
                           "hardlink_to", "iterdir", "glob", "rglob", "readlink", "owner", "home"})


def policy_issues(tree: ast.Module, local: frozenset[str] = frozenset(), package: bool = False) -> list:
    """What the policy refuses in ``tree``. ``local``: top names of the project's own modules
    (repair/project.py), which a scene may import; ``package``: the tree is a module of a
    package of the project, whose relative imports are its own."""
    from .gate import GateIssue

    issues = []

    def add(node: ast.AST, message: str) -> None:
        issues.append(GateIssue(kind="policy", line=getattr(node, "lineno", 1),
                                col=getattr(node, "col_offset", 0), message=message))

    never = _launcher_only(tree) | _other_platforms(tree)
    nodes = [n for n in pyparse.walk(tree) if id(n) not in never]
    # an import only that code uses (``subprocess`` to call manim itself) never serves a render
    imports_for_never = _used_only_by(tree, never)
    path_only: bool | None = None  # asked only of a file that imports os
    sys_asked_only = _sys_asked_only(nodes)
    path_arithmetic = not _path_file_ops(nodes)
    absent = _absent_if_missing(tree, local)
    for node in nodes:
        if id(node) in imports_for_never or id(node) in absent:
            continue
        if isinstance(node, ast.Import):
            for a in node.names:
                top = a.name.split(".")[0]
                if top in local or (a.name == "sys" and sys_asked_only) or (
                        a.name == "pathlib" and path_arithmetic) or (
                        a.name == "shutil" and a.asname is None and _which_only(nodes)):
                    continue
                if a.name in ("os", "os.path") and a.asname is None:
                    if path_only is None:
                        path_only = _os_path_only(nodes)
                    if path_only:
                        continue
                if a.name.split(".")[0] not in ALLOWED_IMPORTS:
                    add(node, f"import of '{a.name}' is not allowed in a scene (allowed: manim, "
                              "numpy, math, random and other pure-computation modules)")
        elif isinstance(node, ast.ImportFrom):
            if not node.level and node.module == "os.path" and all(
                    a.name in PATH_QUERIES for a in node.names):
                continue
            top = (node.module or "").split(".")[0]
            if (node.level and package) or (not node.level and top in local) or (
                    node.module == "pathlib" and path_arithmetic):
                continue
            if node.level or top not in ALLOWED_IMPORTS:
                add(node, f"import from '{node.module or '.'}' is not allowed in a scene")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in BANNED_CALLS:
                add(node, f"{node.func.id}() is not allowed in a scene (no file, code or "
                          "reflection access)")
        elif isinstance(node, ast.Attribute) and node.attr in BANNED_ATTRS:
            add(node, f"'.{node.attr}' is not allowed in a scene")
    return issues


_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def _absent_if_missing(tree: ast.Module, local: frozenset[str]) -> set[int]:
    """Imports the file tries with a way out (``try: from themes import dark`` ... ``except
    ImportError: <plain colours>``) of a module that is neither installed here nor one of the
    project's: it fails in the render too, and the file goes on without it."""
    out: set[int] = set()
    for node in pyparse.walk(tree):
        if not isinstance(node, ast.Try) or not any(_catches_import_error(h) for h in node.handlers):
            continue
        for stmt in node.body:
            for n in pyparse.walk(stmt):
                if isinstance(n, ast.Import):
                    tops = {a.name.split(".")[0] for a in n.names}
                elif isinstance(n, ast.ImportFrom) and not n.level and n.module:
                    tops = {n.module.split(".")[0]}
                else:
                    continue
                if not tops & (local | ALLOWED_IMPORTS) and all(_not_installed(t) for t in tops):
                    out.add(id(n))
    return out


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = ([] if caught is None else caught.elts if isinstance(caught, ast.Tuple) else [caught])
    return caught is None or any(ast.unparse(c).rsplit(".", 1)[-1] in _IMPORT_ERRORS for c in names)


def _not_installed(top: str) -> bool:
    """Whether no module ``top`` can be imported here (a top-level name: nothing runs to tell)."""
    if top in sys.stdlib_module_names:
        return False
    try:
        return importlib.util.find_spec(top) is None
    except (ImportError, ValueError):
        return True


def _launcher_only(tree: ast.Module) -> set[int]:
    """The nodes only the file's own launcher runs: ``if __name__ == "__main__":`` blocks and
    the top-level functions nothing else calls. A render imports the file as a module, so
    they never run there (the sandbox loads it under the name "scene")."""
    guards = [n for n in tree.body if is_main_guard(n)]
    if not guards:
        return set()
    inside = {id(n) for g in guards for n in pyparse.walk(g)}
    functions = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    refs: dict[str, list[int]] = {}
    for n in pyparse.walk(tree):
        if isinstance(n, ast.Name) and n.id in functions:
            refs.setdefault(n.id, []).append(id(n))
    grew = True
    while grew:
        grew = False
        for name, fn in functions.items():
            if id(fn) not in inside and refs.get(name) and all(r in inside for r in refs[name]):
                inside |= {id(n) for n in pyparse.walk(fn)}
                grew = True
    return inside


def _used_only_by(tree: ast.Module, region: set[int]) -> set[int]:
    """Top-level imports every name of which is used, and used only, inside ``region``."""
    if not region:
        return set()
    uses: dict[str, list[int]] = {}
    for n in pyparse.walk(tree):
        if isinstance(n, ast.Name):
            uses.setdefault(n.id, []).append(id(n))
    out = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and all(
                uses.get(name) and all(u in region for u in uses[name])
                for name in ((a.asname or a.name).split(".")[0] for a in node.names)):
            out.add(id(node))
    return out


# what a scene asks to tell platforms apart; a branch for another one never runs here
_PLATFORM_TESTS = {"sys.platform", "os.name", "platform.system()"}
_OTHER_PLATFORMS = ("win", "darwin", "cygwin", "msys", "nt", "windows", "mac")


def _other_platforms(tree: ast.Module) -> set[int]:
    """The nodes of branches for another platform than this one (Linux), which a render never
    runs: ``if sys.platform.startswith("win"): os.environ["PATH"] += ...`` (a model's set-up
    of MiKTeX for Windows and Homebrew for macOS). Their ``else`` stays."""
    out: set[int] = set()
    for node in pyparse.walk(tree):
        if isinstance(node, ast.If) and _asks_other_platform(node.test):
            out |= {id(n) for stmt in node.body for n in pyparse.walk(stmt)}
    return out


def _asks_other_platform(test: ast.expr) -> bool:
    """``sys.platform.startswith("win")``, ``sys.platform == "darwin"``, ``os.name == "nt"``,
    ``platform.system() == "Windows"`` (and ``in (...)`` of such names)."""
    def other(value: ast.expr) -> bool:
        names = [e.value for e in (value.elts if isinstance(value, (ast.Tuple, ast.List, ast.Set)) else [value])
                 if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return bool(names) and all(n.lower().startswith(_OTHER_PLATFORMS) for n in names)

    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.func.attr == "startswith" \
            and ast.unparse(test.func.value) in _PLATFORM_TESTS and len(test.args) == 1:
        return other(test.args[0])
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.In)) \
            and ast.unparse(test.left) in _PLATFORM_TESTS:
        return other(test.comparators[0])
    return False


def _path_file_ops(nodes: list[ast.AST]) -> bool:
    """Whether some attribute could do one of a Path's file operations. A string's ``replace``
    (two arguments: ``label.replace("_", " ")``) and a method of a literal string are not."""
    strings = {id(n.func) for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr == "replace" and len(n.args) >= 2}
    return any(isinstance(n, ast.Attribute) and n.attr in PATH_FILE_OPS and id(n) not in strings
               and not isinstance(n.value, ast.JoinedStr)
               and not (isinstance(n.value, ast.Constant) and isinstance(n.value.value, str))
               for n in nodes)


def _sys_asked_only(nodes: list[ast.AST]) -> bool:
    """Whether every use of the name ``sys`` is ``sys.path``: set up (``sys.path.insert(0,
    folder)``, ``.append``, ``.extend``) or asked (``folder not in sys.path``), or a question
    of which platform this is (``sys.platform``). A scene of a project finds the project's
    modules so; in the sandbox they lie beside it."""
    uses = [n for n in nodes if isinstance(n, ast.Name) and n.id == "sys"]
    allowed: set[int] = set()
    for n in nodes:
        if isinstance(n, ast.Attribute) and n.attr == "platform" and isinstance(n.value, ast.Name):
            allowed.add(id(n.value))
        elif isinstance(n, ast.Attribute) and n.attr in ("insert", "append", "extend") \
                and isinstance(n.value, ast.Attribute) and n.value.attr == "path":
            allowed.add(id(n.value.value))
        elif isinstance(n, ast.Compare) and all(isinstance(op, (ast.In, ast.NotIn)) for op in n.ops):
            allowed |= {id(c.value) for c in n.comparators
                        if isinstance(c, ast.Attribute) and c.attr == "path"}
    return bool(uses) and all(id(n) in allowed for n in uses)


def _which_only(nodes: list[ast.AST]) -> bool:
    """Whether every use of ``shutil`` is ``shutil.which(...)``: a question of whether a program
    (latex, ffmpeg) is installed, which reads nothing and changes nothing."""
    uses = [n for n in nodes if isinstance(n, ast.Name) and n.id == "shutil"]
    asked = {id(n.value) for n in nodes if isinstance(n, ast.Attribute) and n.attr == "which"}
    return bool(uses) and all(id(n) in asked for n in uses)


def _os_path_only(nodes: list[ast.AST]) -> bool:
    """Whether every use of the name ``os`` is a call of one of os.path's queries
    (``os.path.exists(p)``) or ``os.name``: then ``import os`` reaches nothing else."""
    uses = [n for n in nodes if isinstance(n, ast.Name) and n.id == "os"]
    calls = {id(c.func.value.value) for c in nodes
             if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr in PATH_QUERIES
             and isinstance(c.func.value, ast.Attribute) and c.func.value.attr == "path"
             and isinstance(c.func.value.value, ast.Name) and c.func.value.value.id == "os"}
    calls |= {id(n.value) for n in nodes if isinstance(n, ast.Attribute) and n.attr == "name"}
    return bool(uses) and all(id(n) in calls for n in uses)
