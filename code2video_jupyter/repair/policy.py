"""The sandbox's policy as a lint: early, clear errors for code that tries to leave the scene.

The boundary itself is the sandboxed subprocess (no network, a read-only file system but for
the render's own folder, its own process tree); this only explains, before a render, why such
code would fail or be refused there. It refuses what is an escape by purpose: a module made for
processes, sockets or code the check cannot read, a call that starts a process or deletes,
moves or re-permissions files, a read or write by a path outside the scene's own folders, input
from a terminal. Everything else a program may import (``os`` for its paths, ``json`` for its
data, ``PIL`` to build a picture, ``time``, ``argparse`` in a helper module) is the sandbox's
to contain, not the lint's to refuse."""

from __future__ import annotations

import ast
import importlib.util
import sys

from .. import pyparse
from .module_text import is_main_guard

# Pure computation, always there: what the gl port and the project finder may take for granted.
ALLOWED_IMPORTS = frozenset({
    "manim", "numpy", "math", "cmath", "random", "itertools", "functools", "collections",
    "typing", "dataclasses", "string", "re", "fractions", "decimal", "statistics", "colorsys",
    "operator", "enum", "copy", "__future__", "code2video_jupyter",
    "warnings",  # a scene's note that LaTeX is missing, or silencing one of numpy's
    "scipy",  # pure computation, and a dependency of manim itself: always there
    "manimpango",  # manim's own text engine: its docs read font weights and fonts from it
})
# Modules whose purpose is what the sandbox cuts: processes, sockets and the network (and the
# SDKs of model and voice services, which only talk to one), code the check cannot read,
# reflection into the interpreter.
REFUSED_MODULES = frozenset({
    "subprocess", "socket", "socketserver", "ssl", "asyncio", "selectors", "http", "urllib",
    "urllib3", "requests", "httpx", "aiohttp", "websocket", "websockets", "ftplib", "smtplib",
    "poplib", "imaplib", "telnetlib", "xmlrpc", "webbrowser", "grpc", "paramiko", "pexpect",
    "ctypes", "cffi", "multiprocessing", "concurrent", "pty", "importlib", "runpy", "code",
    "codeop", "pickle", "marshal", "shelve", "builtins", "gc",
    "openai", "anthropic", "litellm", "google", "elevenlabs", "gtts", "boto3", "azure",
})
# os's calls that start or signal processes, or delete, move, link or re-permission files
OS_REFUSED = frozenset({
    "system", "popen", "execl", "execle", "execlp", "execlpe", "execv", "execve", "execvp",
    "execvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp",
    "spawnvpe", "posix_spawn", "posix_spawnp", "fork", "forkpty", "kill", "killpg", "abort",
    "_exit", "remove", "unlink", "rmdir", "removedirs", "rename", "renames", "replace", "chmod",
    "lchmod", "fchmod", "chown", "lchown", "fchown", "link", "symlink", "truncate", "ftruncate",
    "mkfifo", "mknod", "setuid", "setgid", "seteuid", "setegid", "setreuid", "setregid",
    "chroot", "startfile", "plock"})
# sys's ways to end the render, or to reach into the interpreter
SYS_REFUSED = frozenset({"exit", "_exit", "modules", "settrace", "setprofile", "_getframe",
                         "meta_path", "path_hooks", "addaudithook", "stdin"})
BANNED_CALLS = frozenset({"exec", "eval", "compile", "__import__", "input", "breakpoint"})
BANNED_ATTRS = frozenset({"__subclasses__", "__globals__", "__builtins__", "__code__", "__mro__",
                          "__bases__", "__dict__", "popen"})
# what a Path can do to files beyond reading them; with none of these, pathlib reads or does
# path arithmetic (``Path(__file__).resolve().parents[2]``, for a scene's sys.path set-up)
PATH_FILE_OPS = frozenset({"write_text", "write_bytes", "unlink", "rmdir", "rename", "replace",
                           "touch", "chmod", "symlink_to", "hardlink_to", "owner", "home"})


SHUTIL_QUESTIONS = frozenset({"which", "get_terminal_size"})  # ask, read and change nothing


def policy_issues(tree: ast.Module, local: frozenset[str] = frozenset(), package: bool = False,
                  helper: bool = False) -> list:
    """What the policy refuses in ``tree``. ``local``: top names of the project's own modules
    (repair/project.py), which a scene may import; ``package``: the tree is a module of a
    package of the project, whose relative imports are its own; ``helper``: the tree is one of
    those modules, where a module installed nowhere here is no concern (its ImportError is the
    scene's to catch, as ``try: from utils import plots`` does) and neither is an import inside
    a function, made only when something calls it (a render helper's ``subprocess`` for the
    project's own command line, which a render never runs)."""
    from .gate import GateIssue

    issues = []

    def add(node: ast.AST, message: str, module: str = "") -> None:
        issues.append(GateIssue(kind="policy", line=getattr(node, "lineno", 1), name=module,
                                col=getattr(node, "col_offset", 0), message=message))

    never = _launcher_only(tree) | _other_platforms(tree)
    nodes = [n for n in pyparse.walk(tree) if id(n) not in never]
    # an import only that code uses (``subprocess`` to call manim itself) never serves a render
    imports_for_never = _used_only_by(tree, never)
    absent = _absent_if_missing(tree, local, package)
    if helper:
        absent |= _inside_functions(tree)
    # local name -> the module it is (os, sys, shutil), as the imports the policy holds bind it
    modules = _module_names([n for n in nodes if id(n) not in absent])
    uses_pathlib = any(isinstance(n, (ast.Import, ast.ImportFrom)) and "pathlib" in _tops(n)
                       for n in nodes)
    path_ops = _path_file_ops(nodes) if uses_pathlib else []
    for node in nodes:
        if id(node) in imports_for_never or id(node) in absent:
            continue
        if isinstance(node, ast.Import):
            for a in node.names:
                top = a.name.split(".")[0]
                if top not in local and (message := _import_refused(f"import of '{a.name}'", top, helper)):
                    add(node, message, top)
        elif isinstance(node, ast.ImportFrom):
            top = (node.module or "").split(".")[0]
            if node.level:
                if not package:
                    add(node, f"import from '{node.module or '.'}' is not allowed in a scene "
                              "(a relative import: the scene is not part of a package here)")
                continue
            if top in local:
                continue
            if message := _import_refused(f"import from '{node.module}'", top, helper):
                add(node, message, top)
                continue
            for a in node.names:
                if why := _refused_member(top, a.name):
                    add(node, f"import of {top}.{a.name} is not allowed in a scene ({why})")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in BANNED_CALLS:
                add(node, f"{node.func.id}() is not allowed in a scene (code the check cannot "
                          "read, or input from a terminal that a render does not have)")
            elif node.func.id == "open" and (where := _outside(_path_arg(node))):
                add(node, f"open() of {where} is not allowed in a scene (only its own folder and "
                          "the files it names go into the sandbox)")
        elif isinstance(node, ast.Attribute):
            module = modules.get(node.value.id) if isinstance(node.value, ast.Name) else None
            if module and (why := _refused_member(module, node.attr)):
                add(node, f"{module}.{node.attr} is not allowed in a scene ({why})")
            elif node.attr in BANNED_ATTRS:
                add(node, f"'.{node.attr}' is not allowed in a scene")
            elif id(node) in path_ops:
                add(node, f"a Path's .{node.attr}() is not allowed in a scene (it changes files)")
        elif isinstance(node, ast.Subscript) and _dunder_of_globals(node):
            add(node, "globals()['__...'] is not allowed in a scene (reflection into the interpreter)")
    return issues


def _tops(node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.Import):
        return {a.name.split(".")[0] for a in node.names}
    return {(node.module or "").split(".")[0]} if not node.level else set()


ABSENT_MODULE = "no such module is installed here"  # (error_classes counts such scenes apart)


def _import_refused(what: str, top: str, helper: bool = False) -> str | None:
    """The gate's message for importing ``top`` (``what`` names the import), or None when it
    may be imported (a helper module's missing one is the scene's ImportError to catch)."""
    if top in ALLOWED_IMPORTS:
        return None
    if top in REFUSED_MODULES:
        return f"{what} is not allowed in a scene (it is made for processes, sockets or code the check cannot read)"
    if not helper and not_installed(top):
        return f"{what}: {ABSENT_MODULE}, and it is none of the project's modules"
    return None


def _refused_member(module: str, name: str) -> str | None:
    """Why ``module.name`` is refused (os's process and file calls, sys's exits), or None."""
    if module == "os" and name in OS_REFUSED:
        return "it starts a process or changes files"
    if module == "sys" and name in SYS_REFUSED:
        return "it ends the render or reaches into the interpreter"
    if module == "shutil" and name not in SHUTIL_QUESTIONS:
        return "it copies, moves or deletes files"
    return None


def _module_names(nodes: list[ast.AST]) -> dict[str, str]:
    """The names the file binds to os, sys and shutil (``import os as o`` binds ``o``;
    ``import os.path`` binds ``os``; ``import os.path as p`` binds os.path, none of them)."""
    out: dict[str, str] = {}
    for n in nodes:
        for a in n.names if isinstance(n, ast.Import) else []:
            top = a.name.split(".")[0]
            if top in ("os", "sys", "shutil") and (a.asname is None or a.name == top):
                out[a.asname or top] = top
    return out


def _path_arg(call: ast.Call) -> ast.expr | None:
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg == "file"), None)


def _outside(arg: ast.expr | None) -> str | None:
    """A path written out that leads outside the scene's folders (``/etc/passwd``, ``~/.ssh``,
    ``../secrets``), as the message names it; None for any other (a relative name, a path
    the scene builds from its own ``__file__``: the sandbox shows only what it sends)."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        text = arg.value
    elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        text = str(arg.values[0].value)
    else:
        return None
    parts = text.replace("\\", "/").split("/")
    if text.startswith(("/", "~")) or ".." in parts or (len(text) > 1 and text[1] == ":"):
        return f"'{text}'"
    return None


def _dunder_of_globals(node: ast.Subscript) -> bool:
    value, key = node.value, node.slice
    return (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id in ("globals", "vars", "locals") and isinstance(key, ast.Constant)
            and isinstance(key.value, str) and key.value.startswith("__"))


_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def _absent_if_missing(tree: ast.Module, local: frozenset[str], package: bool = False) -> set[int]:
    """Imports the file tries with a way out (``try: from themes import dark`` ... ``except
    ImportError: <plain colours>``) of a module that is neither installed here nor one of the
    project's, or relative imports of a scene that is no package here (``try: from .common
    import *`` ... ``except ImportError: from common import *``): they fail in the render too,
    and the file goes on without them."""
    out: set[int] = set()
    for node in pyparse.walk(tree):
        if not isinstance(node, ast.Try) or not any(catches_import_error(h) for h in node.handlers):
            continue
        for stmt in node.body:
            for n in pyparse.walk(stmt):
                if isinstance(n, ast.ImportFrom) and n.level:
                    if not package:
                        out.add(id(n))
                    continue
                if isinstance(n, ast.Import):
                    tops = {a.name.split(".")[0] for a in n.names}
                elif isinstance(n, ast.ImportFrom) and n.module:
                    tops = {n.module.split(".")[0]}
                else:
                    continue
                if not tops & (local | ALLOWED_IMPORTS) and all(not_installed(t) for t in tops):
                    out.add(id(n))
    return out


def catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = ([] if caught is None else caught.elts if isinstance(caught, ast.Tuple) else [caught])
    return caught is None or any(ast.unparse(c).rsplit(".", 1)[-1] in _IMPORT_ERRORS for c in names)


def not_installed(top: str) -> bool:
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


def _path_file_ops(nodes: list[ast.AST]) -> set[int]:
    """The attributes that could be one of a Path's file changes. A string's ``replace``
    (two arguments: ``label.replace("_", " ")``) and a method of a literal string are not."""
    strings = {id(n.func) for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr == "replace" and len(n.args) >= 2}
    return {id(n) for n in nodes if isinstance(n, ast.Attribute) and n.attr in PATH_FILE_OPS
            and id(n) not in strings and not isinstance(n.value, ast.JoinedStr)
            and not (isinstance(n.value, ast.Constant) and isinstance(n.value.value, str))}


def _inside_functions(tree: ast.Module) -> set[int]:
    """The imports made inside a function's body."""
    return {id(n) for f in pyparse.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
            for stmt in f.body for n in pyparse.walk(stmt) if isinstance(n, (ast.Import, ast.ImportFrom))}
