"""A scene's own modules: the files of the user's project that the scene imports.

Scenes written inside an app or a course import the project's helpers: a base scene class, a
module of colours and fonts, a narration script (``from mythos.cinematography import
caption``, ``from config import *``). Python finds them in the scene's folder or in the folders
the scene adds to ``sys.path`` (repair/search_path.py); ``find_project`` looks in the same
places, then in the folders above it up to the project's root (a project run from its root, or
a folder the scene adds on the machine it was written on). Each module found is read, its
own imports followed, and held to the scene policy; the sandbox puts copies of them beside the
scene (``RenderRequest.modules_dir``). The repair never changes them: they are the project's,
and other scenes use them too."""

from __future__ import annotations

import ast
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .. import pyparse
from .policy import ALLOWED_IMPORTS, policy_issues
from .search_path import added_folders

MAX_FILES = 64  # a scene's helpers, not a whole application
MAX_BYTES = 2 * 1024 * 1024
ROOT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt")
MAX_LEVELS_UP = 4


@dataclass(frozen=True)
class ProjectClass:
    """A class a project module defines: what it derives from and what it adds (methods and
    ``self.x = ...`` attributes), so that a scene built on it is read right."""

    bases: tuple[str, ...]
    attrs: frozenset[str]


@dataclass
class Project:
    """The modules a scene imports from its own project, by dotted name."""

    files: dict[str, Path] = field(default_factory=dict)  # path in the sandbox -> the file
    top_names: set[str] = field(default_factory=set)  # importable names ("mythos", "config")
    problems: dict[str, list[str]] = field(default_factory=dict)  # top name -> what the policy refuses
    # module -> (names it defines, whether it star-imports manim, modules it star-imports)
    exports: dict[str, tuple[frozenset[str], bool, tuple[str, ...]]] = field(default_factory=dict)
    classes: dict[str, ProjectClass] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.files)

    def star(self, module: str) -> tuple[frozenset[str], bool]:
        """What ``from module import *`` binds: the project's own names, and whether manim's
        come along (the module star-imports manim)."""
        names: set[str] = set()
        manim = False
        todo, seen = [module], set()
        while todo:
            name = todo.pop()
            if name in seen or name not in self.exports:
                continue
            seen.add(name)
            own, with_manim, stars = self.exports[name]
            names |= own
            manim |= with_manim
            todo += stars
        return frozenset(names), manim

    def lineage(self, name: str) -> tuple[list[str], frozenset[str]]:
        """The classes from outside the project (manim's) that the project's class ``name``
        derives from, through the project's other classes, and what those classes add."""
        outside: list[str] = []
        attrs: set[str] = set()
        todo, seen = [name], set()
        while todo:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.add(current)
            entry = self.classes.get(current)
            if entry is None:
                outside.append(current)
                continue
            attrs |= entry.attrs
            todo += entry.bases
        return outside, frozenset(attrs)

    def copy_to(self, dest: Path) -> str:
        """Copies of the modules laid out as on the import path; the folder, for the sandbox."""
        for rel, path in self.files.items():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        return str(dest)


def find_project(scene: Path, source: str) -> Project:
    """The project modules ``source`` (the text of the file at ``scene``) imports. Empty when
    it imports none, or does not parse."""
    project = Project()
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return project
    scene = scene.resolve()
    added, _ = added_folders(tree, scene)
    roots = [scene.parent, *added]
    # then the folders above it up to the project's root: where a project's scenes are run
    # from (``python -m manim scenes/intro.py`` puts that folder on the path), and where a
    # folder the scene adds on its author's machine (``C:\\Users\\...``) maps to here
    roots += [p for p in _up_to_root(scene.parent) if p not in roots]
    _Finder(project, roots).follow(tree, package=None)
    return project


def _up_to_root(folder: Path) -> list[Path]:
    """The folders above ``folder`` up to the project's root (one holding .git or a Python
    project file), nearest first; none when no root is that close (a home folder is no project)."""
    ups = []
    for parent in list(folder.parents)[:MAX_LEVELS_UP]:
        ups.append(parent)
        if any((parent / m).exists() for m in ROOT_MARKERS):
            return ups
    return []


def _imports(tree: ast.AST) -> list[tuple[str, int, list[str]]]:
    """(module, level, names) of each import in ``tree``."""
    out = []
    for node in pyparse.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, 0, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            out.append((node.module or "", node.level, [a.name for a in node.names]))
    return out


def _foreign(top: str) -> bool:
    """Whether ``top`` could be a project module: not the standard library or an allowed one."""
    return top not in ALLOWED_IMPORTS and top not in sys.stdlib_module_names


class _Finder:
    def __init__(self, project: Project, roots: list[Path]) -> None:
        self.project, self.roots = project, roots
        self.done: set[Path] = set()
        self.size = 0

    def follow(self, tree: ast.AST, package: str | None) -> None:
        for module, level, names in _imports(tree):
            dotted = _absolute(module, level, package)
            if not dotted or not _foreign(dotted.split(".")[0]):
                continue
            self._resolve(dotted, [n for n in names if n != "*"])

    def _root_of(self, top: str) -> Path | None:
        """The folder Python would take ``top`` from: the first on the path that has it."""
        return next((r for r in self.roots if (r / top).is_dir() or (r / f"{top}.py").is_file()), None)

    def _resolve(self, dotted: str, names: list[str]) -> None:
        parts = dotted.split(".")
        root = self._root_of(parts[0])
        if root is None:
            return
        # the packages on the way run on import, then the module (or package) itself, then the
        # submodules a ``from package import name`` may mean
        for i in range(1, len(parts) + 1):
            self._add(root, parts[:i])
        for name in names:
            if (root.joinpath(*parts, f"{name}.py")).is_file():
                self._add(root, [*parts, name])

    def _add(self, root: Path, parts: list[str]) -> None:
        package = root.joinpath(*parts)
        is_package = (package / "__init__.py").is_file()
        path = package / "__init__.py" if is_package else package.parent / f"{parts[-1]}.py"
        if not path.is_file():
            return  # a namespace package's folder: nothing runs
        path = path.resolve()
        if path in self.done:
            return
        rel = path.relative_to(root.resolve()).as_posix() if path.is_relative_to(root.resolve()) \
            else "/".join(parts) + ("/__init__.py" if is_package else ".py")
        top = parts[0]
        if top == "scene":
            # the sandbox loads the scene itself as the module "scene" (sandbox/child.py)
            self.project.problems.setdefault(top, []).append(
                f"{rel}: a module named 'scene' would be the scene itself in the sandbox; rename it")
            return
        self.done.add(path)
        self.size += path.stat().st_size
        if len(self.done) > MAX_FILES or self.size > MAX_BYTES:
            too_many = (f"the scene's own modules pass {MAX_FILES} files or {MAX_BYTES // 2**20} MB: "
                        "a scene's helpers, not a whole application, are sent to the sandbox")
            if too_many not in self.project.problems.setdefault(top, []):
                self.project.problems[top].append(too_many)
            return
        self.project.files[rel] = path
        self.project.top_names.add(top)
        try:
            tree = pyparse.parse(path.read_text(encoding="utf-8"), str(path))
        except (SyntaxError, UnicodeDecodeError, ValueError) as e:
            self.project.problems.setdefault(top, []).append(f"{rel} does not parse: {e}")
            return
        dotted = ".".join(parts)
        in_package = is_package or "." in dotted
        for issue in policy_issues(tree, local=self._local_names(tree, dotted), package=in_package,
                                   helper=True):
            self.project.problems.setdefault(top, []).append(f"{rel} line {issue.line}: {issue.message}")
        package = dotted if is_package else dotted.rpartition(".")[0] or None
        self.project.exports[dotted] = _exports(tree, package)
        self.project.classes.update(_classes(tree))
        self.follow(tree, package)

    def _local_names(self, tree: ast.AST, dotted: str) -> frozenset[str]:
        """Top names a module's imports may use: the project's, found before or after it."""
        tops = {m.split(".")[0] for m, level, _ in _imports(tree) if not level and m}
        return frozenset(t for t in tops if _foreign(t) and self._root_of(t)) | {dotted.split(".")[0]}


def _absolute(module: str, level: int, package: str | None) -> str | None:
    """The dotted name an import means (``from .palette import X`` in package ``helpers``:
    ``helpers.palette``); None for a relative import with no package to resolve it against."""
    if not level:
        return module
    if package is None:
        return None
    base = package.split(".")
    base = base[:len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, *([module] if module else [])]) or None


def _exports(tree: ast.Module, package: str | None) -> tuple[frozenset[str], bool, tuple[str, ...]]:
    names: set[str] = set()
    manim = False
    stars: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets) \
                and isinstance(node.value, (ast.List, ast.Tuple)):
            listed = [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            return frozenset(listed), False, ()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                names |= {n.id for n in pyparse.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            for a in node.names:
                if a.name == "*":
                    manim |= not node.level and (node.module or "").split(".")[0] == "manim"
                    if (star := _absolute(node.module or "", node.level, package)) is not None:
                        stars.append(star)
                else:
                    names.add(a.asname or a.name)
    return frozenset(n for n in names if not n.startswith("_")), manim, tuple(stars)


def _classes(tree: ast.Module) -> dict[str, ProjectClass]:
    out = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        attrs = {item.name for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))}
        attrs |= {n.attr for n in pyparse.walk(node) if isinstance(n, ast.Attribute)
                  and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name) and n.value.id == "self"}
        attrs |= {t.id for stmt in node.body for t in getattr(stmt, "targets", [getattr(stmt, "target", None)])
                  if isinstance(t, ast.Name)}
        out[node.name] = ProjectClass(tuple(ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases),
                                      frozenset(attrs))
    return out
