"""The static gate: what can be known about a scene without running it.

Parse; the sandbox's policy; every name, attribute and keyword argument that refers to manim
(or the scaffold) resolved against the installed version's real namespace and signatures.
Hallucinated APIs are caught here, before any render. The gate only reports when it is sure:
a false alarm on correct code would cost a needless repair.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import re
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from .. import pyparse
from .colours import colour_string
from .namespace import Namespace, load_namespace
from .policy import not_installed, policy_issues

if TYPE_CHECKING:
    from .project import Project

IssueKind = Literal["syntax", "policy", "unknown_name", "unknown_attribute", "unknown_kwarg",
                    "bad_colour", "no_scene"]
COLOUR_KWARGS = frozenset({"color", "fill_color", "stroke_color", "background_color",
                           "background_stroke_color"})
COLOUR_METHODS = frozenset({"set_color", "set_fill", "set_stroke", "ManimColor", "FadeToColor"})
_HEX = re.compile(r"^(#|0x)([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")

# and what every module has: the sandbox loads a scene file as a module (__file__ included)
BUILTINS = frozenset(dir(builtins)) | {"__file__", "__name__", "__doc__", "__spec__", "__loader__",
                                       "__package__", "__builtins__"}
MODULE_ALIASES = {"np": "numpy", "numpy": "numpy", "math": "math", "random": "random",
                  "itertools": "itertools", "functools": "functools", "collections": "collections"}


class GateIssue(BaseModel):
    kind: IssueKind
    line: int
    col: int = 0
    name: str = ""
    owner: str | None = None  # the class (or module) an attribute or keyword was looked up on
    message: str
    suggestions: list[str] = []
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        hint = f" (did you mean {', '.join(self.suggestions[:3])}?)" if self.suggestions else ""
        return f"line {self.line}: {self.message}{hint}"


class GateReport(BaseModel):
    issues: list[GateIssue] = []
    manim: str = ""

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    @property
    def errors(self) -> list[GateIssue]:
        return [i for i in self.issues if i.severity == "error"]


_SUGGESTED: dict[tuple[str, str, str], tuple[str, ...]] = {}  # (word, pool, manim) -> matches


def _close(word: str, candidates: set[str] | list[str], n: int = 3, cutoff: float = 0.75) -> list[str]:
    return difflib.get_close_matches(word, sorted(candidates), n=n, cutoff=cutoff)


class _Bindings(pyparse.Visitor):
    """Every name bound anywhere in the module. Scoping is ignored on purpose: a name bound in
    any scope is never reported, so the gate cannot raise a false alarm on valid scoping."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.star_modules: dict[str, int] = {}  # each star-imported module -> its first line
        self.imported: set[str] = set()  # names bound by `import X` / `import X as Y`
        self.rebound: set[str] = set()  # names bound otherwise (assignments, parameters, ...)
        self.from_manim: set[str] = set()  # names `from manim import X` binds: manim's own
        self.manim_modules: set[str] = set()  # `import manim` / `import manim as mn`

    def _bind(self, name: str) -> None:
        self.names.add(name)
        self.rebound.add(name)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self._bind(node.id)

    def visit_arg(self, node: ast.arg) -> None:
        self._bind(node.arg)

    def _def(self, node) -> None:
        self._bind(node.name)
        self.generic_visit(node)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _def

    def visit_Import(self, node: ast.Import) -> None:
        for a in node.names:
            name = (a.asname or a.name).split(".")[0]
            self.names.add(name)
            if a.asname is None or MODULE_ALIASES.get(a.asname) == a.name:
                self.imported.add(name)
            if a.name == "manim":
                self.manim_modules.add(name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for a in node.names:
            if a.name == "*":
                self.star_modules.setdefault(node.module or "", node.lineno)
            # manim's names, and the scaffold's (the namespace index holds both)
            elif ((node.module or "").split(".")[0] == "manim"
                  or (node.module or "").startswith("code2video_jupyter.scaffold")) and a.asname in (None, a.name):
                self.names.add(a.name)
                self.from_manim.add(a.name)
            else:
                self._bind(a.asname or a.name)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self._bind(node.name)
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        self.names.update(node.names)

    visit_Nonlocal = visit_Global

    def visit_MatchAs(self, node) -> None:
        if node.name:
            self.names.add(node.name)
        self.generic_visit(node)


def _unpacked(target: ast.AST, value: ast.AST) -> bool:
    """``a, b = x, y``: names on the left, as many plain values on the right."""
    return (isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List))
            and len(target.elts) == len(value.elts)
            and all(isinstance(e, ast.Name) for e in target.elts)
            and not any(isinstance(e, ast.Starred) for e in value.elts))


class _Types:
    """Expressions whose manim class is known for sure: constructor calls, chains of methods
    that return the object itself (``Square().shift(UP)``), variables assigned exactly once
    from such an expression, and ``self`` inside a Scene subclass."""

    def __init__(self, tree: ast.Module, ns: Namespace, local: set[str], binds: _Bindings | None = None) -> None:
        self.ns, self.local = ns, local
        manim_modules = binds.manim_modules if binds else {"manim"}
        imported = binds.from_manim - binds.rebound if binds else set()  # manim's, not bound again
        assigned: dict[str, list[ast.AST]] = {}
        nodes = list(pyparse.walk(tree))
        for node in nodes:
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if _unpacked(t, node.value):  # a, b = Circle(), Square(): one value each
                        for name, value in zip(t.elts, node.value.elts, strict=True):  # type: ignore[attr-defined]
                            assigned.setdefault(name.id, []).append(value)
                        continue
                    for n in pyparse.walk(t):
                        if isinstance(n, ast.Name):
                            assigned.setdefault(n.id, []).append(node.value if t is n else t)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr, ast.For,
                                   ast.AsyncFor, ast.comprehension)):
                for n in pyparse.walk(node.target):
                    if isinstance(n, ast.Name):
                        assigned.setdefault(n.id, []).append(node)
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        for n in pyparse.walk(item.optional_vars):
                            if isinstance(n, ast.Name):
                                assigned.setdefault(n.id, []).append(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                args = node.args
                for a in [*args.args, *args.kwonlyargs, *args.posonlyargs, args.vararg, args.kwarg]:
                    if a is not None:
                        assigned.setdefault(a.arg, []).append(a)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for a in node.names:
                    assigned.setdefault((a.asname or a.name).split(".")[0], []).append(node)
        self._assigned = assigned
        self.vars: dict[str, str] = {}
        for name, values in assigned.items():
            if len(values) == 1:
                key = self.of(values[0], follow_names=False)
                if key:
                    self.vars[name] = key
        self.scene_bases: dict[ast.ClassDef, str] = {}
        self.own_attrs: dict[ast.ClassDef, set[str]] = {}
        # classes with a base from elsewhere (a library's mixin, the scaffold's VoiceoverScene
        # beside a manim scene): what ``self`` has is not known here
        self.open_classes: set[ast.ClassDef] = set()
        self.more_bases: dict[ast.ClassDef, list[str]] = {}
        elsewhere = {a.asname or a.name for n in nodes if isinstance(n, ast.ImportFrom)
                     and (n.level or (n.module or "").split(".")[0] not in ("manim", "code2video_jupyter"))
                     for a in n.names}
        project_attrs: dict[ast.ClassDef, frozenset[str]] = {}  # what a project base class adds
        defined = {n.name for n in nodes if isinstance(n, ast.ClassDef)}
        for node in nodes:
            if isinstance(node, ast.ClassDef):
                for b in node.bases:
                    name = b.id if isinstance(b, ast.Name) else (
                        b.attr if isinstance(b, ast.Attribute) and isinstance(b.value, ast.Name)
                        and b.value.id in manim_modules else None)
                    # a base named like a manim class is manim's unless the file defines it
                    if name and ns.class_key(name) and name not in local - {"Scene"} - imported:
                        # Python looks an attribute up in the first base first; the others
                        # (VoiceoverScene beside MovingCameraScene) add theirs
                        if node in self.scene_bases:
                            self.more_bases.setdefault(node, []).append(ns.class_key(name))  # type: ignore[arg-type]
                        else:
                            self.scene_bases[node] = ns.class_key(name)  # type: ignore[assignment]
                    elif name and ns.project and name in ns.project.classes and name not in defined:
                        inherited = _project_base(name, ns.project, ns)
                        if inherited:
                            self.scene_bases[node], project_attrs[node] = inherited
                    elif name and name in elsewhere and name not in defined:
                        self.open_classes.add(node)
                own = set()
                for item in pyparse.walk(node):
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        own.add(item.name)
                    elif isinstance(item, ast.Attribute) and isinstance(item.ctx, ast.Store) \
                            and isinstance(item.value, ast.Name) and item.value.id == "self":
                        own.add(item.attr)
                for stmt in node.body:
                    for t in getattr(stmt, "targets", [getattr(stmt, "target", None)]):
                        if isinstance(t, ast.Name):
                            own.add(t.id)
                self.own_attrs[node] = own | project_attrs.get(node, frozenset())
        self._inherit_file_bases([n for n in nodes if isinstance(n, ast.ClassDef)])

    def _inherit_file_bases(self, classes: list[ast.ClassDef]) -> None:
        """A class on bases the file defines (``class S(Base)``, ``class S(Scene, Helpers)``)
        has what they have: their manim scene base, their methods and attributes. A base the
        file defines twice (drafts) or in a cycle leaves what ``self`` has unknown."""
        by_name: dict[str, list[ast.ClassDef]] = {}
        for c in classes:
            by_name.setdefault(c.name, []).append(c)
        done: set[ast.ClassDef] = set()

        def resolve(node: ast.ClassDef, seen: frozenset[ast.ClassDef]) -> None:
            if node in done:
                return
            for b in node.bases:
                bases = by_name.get(b.id, []) if isinstance(b, ast.Name) else []
                if not bases:
                    continue
                if len(bases) > 1 or bases[0] in seen or bases[0] is node:
                    self.open_classes.add(node)
                    continue
                base = bases[0]
                resolve(base, seen | {node})
                self.own_attrs[node] = self.own_attrs.get(node, set()) | self.own_attrs.get(base, set())
                if base in self.open_classes:
                    self.open_classes.add(node)
                inherited = [k for k in (self.scene_bases.get(base), *self.more_bases.get(base, [])) if k]
                if inherited and node not in self.scene_bases:
                    self.scene_bases[node] = inherited.pop(0)
                self.more_bases.setdefault(node, []).extend(inherited)
            done.add(node)

        for c in classes:
            resolve(c, frozenset())

    def of(self, expr: ast.AST, follow_names: bool = True) -> str | None:
        """The class key of an expression's value, when certain."""
        if isinstance(expr, ast.Name):
            return self.vars.get(expr.id) if follow_names else None
        if isinstance(expr, ast.Call):
            func = expr.func
            if isinstance(func, ast.Name):
                if func.id in self.local:
                    return None
                return self.ns.class_key(func.id)
            if isinstance(func, ast.Attribute):
                owner = self.of(func.value, follow_names)
                if owner is None:
                    return None
                m = self.ns.method(owner, func.attr)
                if m is not None and _returns_self(m.sig, owner):
                    return owner
        return None


def known_types(tree: ast.Module, ns: Namespace) -> _Types:
    """What the gate knows of a file's expressions: ``.of(expr)`` is the manim class key of an
    expression's value when it is certain (a cure asks it of a receiver), else None."""
    binds = _Bindings()
    binds.visit(tree)
    return _Types(tree, ns, binds.names, binds)


def _project_base(name: str, project: Project, ns: Namespace) -> tuple[str, frozenset[str]] | None:
    """The manim class a project class derives from, and what the project's classes add."""
    outside, attrs = project.lineage(name)
    key = next((ns.class_key(b) for b in outside if ns.class_key(b)), None)
    return (key, attrs) if key else None


def _returns_self(sig: str, owner: str) -> bool:
    ret = sig.rsplit("->", 1)[-1].strip(" '\"") if "->" in sig else ""
    return ret in ("Self", owner.rsplit(".", 1)[-1])


# The repair loop asks again about a text it has seen (before and after a step that changed
# nothing, each static round); on a 6000-line file one check costs a third of a second.
_CHECKED: OrderedDict[tuple[str, bool], tuple[Namespace, GateReport]] = OrderedDict()
_CHECKED_MAX = 16
_checked_lock = threading.Lock()


def check_source(source: str, ns: Namespace | None = None, require_scene: bool = True) -> GateReport:
    """Run the gate on one scene file's text."""
    ns = ns or load_namespace()
    key = (source, require_scene)
    with _checked_lock:  # the Coder checks sections in threads
        hit = _CHECKED.get(key)
        if hit is not None and hit[0] is ns:
            _CHECKED.move_to_end(key)
    if hit is not None and hit[0] is ns:
        return hit[1].model_copy(deep=True)  # callers may add to or sort the issues
    report = _check(source, ns, require_scene)
    with _checked_lock:
        _CHECKED[key] = (ns, report.model_copy(deep=True))
        while len(_CHECKED) > _CHECKED_MAX:
            _CHECKED.popitem(last=False)
    return report


def _check(source: str, ns: Namespace, require_scene: bool) -> GateReport:
    report = GateReport(manim=ns.version)
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError as e:
        report.issues.append(GateIssue(kind="syntax", line=e.lineno or 1, col=(e.offset or 1) - 1,
                                       message=f"syntax error: {e.msg}"))
        return report
    project = ns.project
    report.issues += _project_issues(tree, project) if project else policy_issues(tree)
    binds = _Bindings()
    binds.visit(tree)
    star: set[str] = set()
    manim_star = any(m == "manim" or m.startswith("manim.") for m in binds.star_modules)
    local = binds.names
    if project is not None:
        for m in binds.star_modules:
            if m.split(".")[0] in project.top_names:
                names, with_manim = project.star(m)
                local = local | names  # the project's names are its own, not manim's
                manim_star |= with_manim
    if manim_star:
        star |= ns.manim_names
    if any(m.startswith("code2video_jupyter.scaffold") for m in binds.star_modules):
        star |= ns.star_names  # the scaffold re-exports manim's names too
    known = local | star | BUILTINS
    types = _Types(tree, ns, local, binds)
    modules = (binds.imported | ({"np"} if manim_star else set())) - binds.rebound
    # star imports of modules that are not here: the likely home of a name nothing defines
    absent_star = [(m, line) for m, line in binds.star_modules.items()
                   if (top := m.split(".")[0]) not in ("manim", "code2video_jupyter")
                   and not (project and top in project.top_names) and not_installed(top)]
    _Checker(report, ns, known, local, star, types, modules, absent_star).visit(tree)
    if require_scene and not any(
            "manim.scene.scene.Scene" in ns.classes[key]["mro"] for key in types.scene_bases.values()):
        report.issues.append(GateIssue(kind="no_scene", line=1, message=(
            "no Scene subclass found: a scene file needs `class SectionNN(LectureScene)` "
            "(or a manim Scene) with a construct() method")))
    report.issues.sort(key=lambda i: (i.line, i.col))
    return report


def _project_issues(tree: ast.Module, project: Project) -> list[GateIssue]:
    """The policy, with the project's own modules allowed; an import of one the policy
    refuses (it imports the network, say) is refused where the scene imports it, naming why."""
    # (a module with a problem is refused below, with the reason, not as an unknown import)
    issues = policy_issues(tree, local=frozenset(project.top_names | project.problems.keys()))
    for node in pyparse.walk(tree):
        tops = ([a.name.split(".")[0] for a in node.names] if isinstance(node, ast.Import) else
                [(node.module or "").split(".")[0]] if isinstance(node, ast.ImportFrom) and not node.level else [])
        for top in tops:
            if top in project.problems:
                why = "; ".join(project.problems[top][:3])
                issues.append(GateIssue(kind="policy", line=node.lineno, col=node.col_offset, message=(
                    f"import of the project's module '{top}', which the sandbox cannot run: {why}")))
    return issues


class _Checker(pyparse.Visitor):
    def __init__(self, report: GateReport, ns: Namespace, known: set[str], local: set[str],
                 star: set[str], types: _Types, modules: set[str],
                 absent_star: list[tuple[str, int]] | None = None) -> None:
        self.report, self.ns, self.known, self.local, self.star, self.types = (
            report, ns, known, local, star, types)
        self.modules = modules
        self.absent_star = absent_star or []
        self.class_stack: list[ast.ClassDef] = []
        self._known_key: int | None = None

    def _close(self, word: str, pool_name: str, pool: set[str] | list[str]) -> list[str]:
        """Suggestions for ``word`` from a pool: a file names the same unknown thing many
        times, and the loop checks it again after each step, so each search is done once.
        The file's own names are a pool that changes with the file: it is keyed by its hash."""
        if pool_name == "":
            if self._known_key is None:
                self._known_key = hash(frozenset(self.known))
            pool_name = f"names {len(self.known)} {self._known_key}"
        key = (word, pool_name, self.ns.version)
        found = _SUGGESTED.get(key)
        if found is None:
            if len(_SUGGESTED) > 4096:
                _SUGGESTED.clear()  # (one call: atomic, when the Coder checks sections in threads)
            found = _SUGGESTED[key] = tuple(_close(word, pool))
        return list(found)

    def add(self, **kw) -> None:
        self.report.issues.append(GateIssue(**kw))

    # --- names ----------------------------------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and node.id not in self.known:
            if node.id in MODULE_ALIASES:
                msg = f"'{node.id}' is used but never imported"
            else:
                msg = f"'{node.id}' is not defined (not in manim {self.ns.version}, the scaffold, or this file)"
                if self.absent_star:
                    msg += "; perhaps it comes from " + " or ".join(
                        f"'{m}' (`from {m} import *`, line {line})" for m, line in self.absent_star) + (
                        ", which is not here" if len(self.absent_star) == 1 else ", which are not here")
            self.add(kind="unknown_name", line=node.lineno, col=node.col_offset, name=node.id,
                     message=msg, suggestions=self._close(node.id, "", self.known))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.class_stack.append(node)
        self.generic_visit(node)
        self.class_stack.pop()

    # --- attributes -----------------------------------------------------------------------------
    def _owner(self, value: ast.AST) -> str | None:
        """The manim class key of an expression, when it is certain."""
        if isinstance(value, ast.Name):
            if value.id == "self" and self.class_stack:
                return self.types.scene_bases.get(self.class_stack[-1])
            if value.id in self.star and value.id not in self.local:
                return self.ns.class_key(value.id)
        if isinstance(value, ast.Attribute) and value.attr == "animate":
            return self._owner(value.value)  # mob.animate.shift(...) has mob's methods
        return self.types.of(value)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self.generic_visit(node)
        if not isinstance(node.ctx, ast.Load):
            return
        value = node.value
        if isinstance(value, ast.Name) and value.id in MODULE_ALIASES and value.id in self.modules:
            module = MODULE_ALIASES[value.id]
            names = self.ns.modules.get(module)
            if names is not None and node.attr not in names:
                self.add(kind="unknown_attribute", line=node.lineno, col=node.col_offset,
                         name=node.attr, owner=value.id,
                         message=f"module {value.id} has no attribute '{node.attr}'",
                         suggestions=self._close(node.attr, f"module {module}", names))
            return
        if node.attr == "animate":
            return
        key = self._owner(value)
        if key is None or self.ns.has_attr(key, node.attr):
            return
        if (isinstance(value, ast.Name) and value.id == "self" and self.class_stack
                and (node.attr in self.types.own_attrs.get(self.class_stack[-1], set())
                     or self.class_stack[-1] in self.types.open_classes
                     or any(self.ns.has_attr(k, node.attr)
                            for k in self.types.more_bases.get(self.class_stack[-1], [])))):
            return  # set by the scene itself, or in another of its bases
        cls = key.rsplit(".", 1)[-1]
        attrs = self.ns.attrs(key)
        if self.ns.dynamic_prefix(key, node.attr):
            target = node.attr[4:]
            if target in attrs:
                return
            self.add(kind="unknown_attribute", line=node.lineno, col=node.col_offset,
                     name=node.attr, owner=cls, severity="error",
                     message=(f"{cls} has no method '{node.attr}' (manim accepts the call but "
                              f"it does nothing useful: there is no attribute '{target}')"),
                     suggestions=self._close(node.attr, key, attrs))
            return
        self.add(kind="unknown_attribute", line=node.lineno, col=node.col_offset, name=node.attr,
                 owner=cls, message=f"{cls} has no attribute '{node.attr}' in manim {self.ns.version}",
                 suggestions=self._close(node.attr, key, attrs))

    # --- colours --------------------------------------------------------------------------------
    def _check_colour(self, value: ast.AST) -> None:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            text = value.value
            if _HEX.match(text) or text.upper() in self.ns.colors:
                return
            if re.fullmatch(r"[0-9a-fA-F]{6}|[0-9a-fA-F]{3}", text):
                msg, sugg = f"colour '{text}' is a hex code without its '#'", [f"#{text}"]
            elif (known := colour_string(text, self.ns)) is not None:
                msg, sugg = f"colour '{text}' is not one of manim's names (manim's is '{known}')", [known]
            else:
                msg = f"colour '{text}' is not a manim colour name or a #RRGGBB code"
                sugg = [c.lower() for c in _close(text.upper(), self.ns.colors, cutoff=0.7)]
            self.add(kind="bad_colour", line=value.lineno, col=value.col_offset, name=text,
                     message=msg, suggestions=sugg)
        elif isinstance(value, ast.Tuple) and value.elts and all(
                isinstance(e, ast.Constant) and isinstance(e.value, (int, float)) for e in value.elts):
            self.add(kind="bad_colour", line=value.lineno, col=value.col_offset, name="tuple",
                     message="a colour given as a tuple of numbers: manim needs "
                             "rgb_to_color([r, g, b]) (a plain list is read as several colours)",
                     suggestions=["rgb_to_color"])

    # --- keyword arguments ----------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        for k in node.keywords:
            if k.arg in COLOUR_KWARGS:
                self._check_colour(k.value)
        fname = node.func.id if isinstance(node.func, ast.Name) else (
            node.func.attr if isinstance(node.func, ast.Attribute) else "")
        if fname in COLOUR_METHODS and node.args:
            self._check_colour(node.args[0] if fname != "FadeToColor" else node.args[-1])
        kws = [k for k in node.keywords if k.arg is not None]
        if not kws or any(k.arg is None for k in node.keywords):
            return  # **kwargs spread: unknowable
        accepted: set[str] | None = None
        what = ""
        func = node.func
        if isinstance(func, ast.Name) and func.id in self.star and func.id not in self.local:
            key = self.ns.class_key(func.id)
            if key:
                names, open_ = self.ns.init_params(key)
                accepted, what = (None if open_ else names), func.id
            else:
                fn = self.ns.function(func.id)
                if fn and not fn.open:
                    accepted, what = set(fn.params), func.id
        elif isinstance(func, ast.Attribute):
            key = self._owner(func.value)
            if key:
                params = self.ns.method_params(key, func.attr)
                if params and not params[1]:
                    accepted, what = params[0], f"{key.rsplit('.', 1)[-1]}.{func.attr}"
        if accepted is None:
            return
        for k in kws:
            if k.arg not in accepted:
                self.add(kind="unknown_kwarg", line=k.value.lineno, col=k.value.col_offset,
                         name=k.arg or "", owner=what,
                         message=f"{what}() has no keyword argument '{k.arg}'",
                         suggestions=_close(k.arg or "", accepted, cutoff=0.6))
