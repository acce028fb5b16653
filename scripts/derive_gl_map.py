"""Derive the ManimGL -> Manim Community API map (``code2video_jupyter/repair/data/gl_map.json``)
from the real sources, so the GL port (``repair/gl_port.py``) rests on data, not memory.

    .venv/bin/python scripts/derive_gl_map.py --gl /work/.mirror/3b1b+manim/repo \\
        --videos /work/.mirror/3b1b+videos/repo \\
        --out code2video_jupyter/repair/data/gl_map.json

``--gl`` (and ``--videos``) are git folders (bare mirrors are fine): files are read with
``git show HEAD:path``, manimlib is parsed with ``ast`` and never imported. The Manim Community
side is the installed manim (this script imports it, and builds the same namespace index the
static gate reads). The output is deterministic: same commits and same manim, same bytes.

Re-run it when manim is upgraded (or the mirrors are refreshed), then run
``pytest tests/test_gl_port.py``: entries of ``gl_map_curated.toml`` whose CE target no longer
exists fail a test there, and names the heuristics cannot decide are listed by ``--report``
(``unmatched`` among the most used ones are what the curated file should cover next).

What it proposes, per GL name (class, function, constant), ranked by how often 3b1b's own
scenes (``--videos``) and ManimGL's ``example_scenes.py`` use it:

- ``same``: the name exists in Manim CE with the same kind (class, function, value);
- ``renamed``: a CE name found by heuristics: the same words modulo case, underscores and
  grey/gray; a GL alias (``DEGREES = DEG``) whose other name exists in CE; a ``V``-prefixed GL
  variant of a CE class; a CE constant that starts with the GL name; a CE deprecation's
  ``replacement``;
- ``moved``: a GL constant that is a ``config`` attribute in CE (``FRAME_WIDTH`` ->
  ``config.frame_width``), a GL Scene attribute that lives on the CE renderer or camera;
- ``unmatched``: nothing found; the curated file decides (``gone`` with the CE way, or a rename
  the heuristics cannot see).

Per GL method (by the GL class that defines it) the same decisions against the CE counterpart
class; per shared class, the GL keyword arguments the CE constructor rejects (``renamed`` when a
CE parameter has the same words, else ``drop``), and both positional layouts (GL's
``FadeIn(mob, UP)`` is CE's ``FadeIn(mob, shift=UP)``).
"""

from __future__ import annotations

import argparse
import ast
import collections
import inspect
import json
import subprocess
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# --- reading git folders ------------------------------------------------------------------------
def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, errors="replace").stdout


def git_files(repo: Path, under: str = "") -> list[str]:
    out = _git(repo, "ls-tree", "-r", "--name-only", "HEAD", *([under] if under else []))
    return sorted(p for p in out.splitlines() if p.endswith(".py"))


def git_show(repo: Path, path: str) -> str:
    return _git(repo, "show", f"HEAD:{path}")


def git_head(repo: Path) -> str:
    return _git(repo, "rev-parse", "HEAD").strip()


# --- the ManimGL side, from its source ----------------------------------------------------------
@dataclass
class Params:
    positional: list[str]
    varargs: str | None
    keywords: list[str]  # every name that can be passed by keyword
    varkw: bool

    @classmethod
    def of(cls, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Params:
        a = fn.args
        pos = [p.arg for p in [*a.posonlyargs, *a.args]]
        if pos and pos[0] in ("self", "cls"):
            pos = pos[1:]
        kws = [p.arg for p in a.args if p.arg not in ("self", "cls")] + [p.arg for p in a.kwonlyargs]
        return cls(pos, a.vararg.arg if a.vararg else None, kws, a.kwarg is not None)


@dataclass
class GLClass:
    name: str
    module: str
    bases: list[str]  # qualified where resolvable ("manimlib.x.Y"), else the bare name
    methods: dict[str, Params] = field(default_factory=dict)
    properties: set[str] = field(default_factory=set)
    attrs: set[str] = field(default_factory=set)  # class attributes and self.X = ... in methods
    aliases: dict[str, str] = field(default_factory=dict)  # pfp = point_from_proportion
    doc: str = ""

    @property
    def key(self) -> str:
        return f"{self.module}.{self.name}"


@dataclass
class GLModule:
    name: str
    defs: dict[str, str] = field(default_factory=dict)  # name -> class | function | constant
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (module, name)
    stars: list[str] = field(default_factory=list)
    all: list[str] | None = None
    aliases: dict[str, str] = field(default_factory=dict)  # X = Y at top level (Y a name)
    functions: dict[str, Params] = field(default_factory=dict)


def _runtime_body(tree: ast.Module) -> list[ast.stmt]:
    """Top-level statements that run at import (``if TYPE_CHECKING:`` blocks do not)."""
    out = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            out += node.orelse
        elif isinstance(node, (ast.If, ast.Try)):
            out += node.body + getattr(node, "orelse", []) + [
                s for h in getattr(node, "handlers", []) for s in h.body]
        else:
            out.append(node)
    return out


def parse_gl(repo: Path) -> tuple[dict[str, GLModule], dict[str, GLClass]]:
    modules: dict[str, GLModule] = {}
    classes: dict[str, GLClass] = {}
    for path in git_files(repo, "manimlib"):
        name = path[:-3].replace("/", ".").removesuffix(".__init__")
        try:
            tree = ast.parse(git_show(repo, path))
        except SyntaxError:
            continue
        mod = modules[name] = GLModule(name)
        for node in _runtime_body(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    if a.name == "*":
                        mod.stars.append(node.module)
                    else:
                        mod.imports[a.asname or a.name] = (node.module, a.name)
            elif isinstance(node, ast.Import):
                for a in node.names:
                    mod.imports[a.asname or a.name.split(".")[0]] = (a.name, "")
            elif isinstance(node, ast.ClassDef):
                mod.defs[node.name] = "class"
                classes[f"{name}.{node.name}"] = _gl_class(node, name)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                mod.defs[node.name] = "function"
                mod.functions[node.name] = Params.of(node)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    if isinstance(t, ast.Name):
                        if t.id == "__all__" and isinstance(node.value, (ast.List, ast.Tuple)):
                            mod.all = [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
                            continue
                        mod.defs[t.id] = "constant"
                        if isinstance(node.value, ast.Name):
                            mod.aliases[t.id] = node.value.id
    # Bases resolved to the defining module, so MROs can be followed.
    for cls in classes.values():
        cls.bases = [_resolve(modules, cls.module, b) or b for b in cls.bases]
    return modules, classes


def _gl_class(node: ast.ClassDef, module: str) -> GLClass:
    cls = GLClass(node.name, module, [ast.unparse(b) for b in node.bases],
                  doc=(ast.get_docstring(node) or "").strip().split("\n\n")[0])
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorators = {ast.unparse(d) for d in item.decorator_list}
            if "property" in decorators:
                cls.properties.add(item.name)
            else:
                cls.methods[item.name] = Params.of(item)
                target = _forwarded_to(item)
                if target:
                    cls.aliases[item.name] = target
            for sub in ast.walk(item):
                if (isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Store)
                        and isinstance(sub.value, ast.Name) and sub.value.id == "self"):
                    cls.attrs.add(sub.attr)
        elif isinstance(item, (ast.Assign, ast.AnnAssign)):
            for t in item.targets if isinstance(item, ast.Assign) else [item.target]:
                if isinstance(t, ast.Name):
                    cls.attrs.add(t.id)
                    if isinstance(item.value, ast.Name) and item.value.id in cls.methods:
                        cls.aliases[t.id] = item.value.id
                        cls.methods[t.id] = cls.methods[item.value.id]
    return cls


def _forwarded_to(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """``def pfp(self, alpha): return self.point_from_proportion(alpha)``: a short name for
    another method, its arguments passed on unchanged."""
    body = [s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or not isinstance(body[0].value, ast.Call):
        return None
    call = body[0].value
    f = call.func
    if not (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self"):
        return None
    own = [a.arg for a in fn.args.args[1:]]
    passed = [a.id for a in call.args if isinstance(a, ast.Name)]
    kw_passed = [k.value.id for k in call.keywords if isinstance(k.value, ast.Name)]
    if passed + kw_passed == own and len(call.args) + len(call.keywords) == len(own):
        return f.attr
    return None


def _resolve(modules: dict[str, GLModule], module: str, name: str, depth: int = 0) -> str | None:
    """The qualified name ("manimlib.x.Y") a bare name means in a module, when it is manimlib's."""
    mod = modules.get(module)
    if mod is None or depth > 12:
        return None
    if name in mod.defs:
        return f"{module}.{name}"
    if name in mod.imports:
        src, orig = mod.imports[name]
        return _resolve(modules, src, orig, depth + 1) if orig else None
    for star in mod.stars:
        found = _resolve(modules, star, name, depth + 1)
        if found:
            return found
    return None


def gl_star(modules: dict[str, GLModule], module: str = "manimlib",
            seen: frozenset[str] = frozenset()) -> dict[str, str]:
    """What ``from <module> import *`` binds: name -> qualified name, for manimlib's own names."""
    mod = modules.get(module)
    if mod is None or module in seen:
        return {}
    out: dict[str, str] = {}
    for star in mod.stars:
        out.update(gl_star(modules, star, seen | {module}))
    names = mod.all if mod.all is not None else [
        n for n in [*mod.defs, *mod.imports] if not n.startswith("_")]
    for n in names:
        q = _resolve(modules, module, n)
        if q:
            out[n] = q
    return out


def gl_star_modules(modules: dict[str, GLModule], module: str = "manimlib",
                    seen: frozenset[str] = frozenset()) -> dict[str, str]:
    """Modules ``from manimlib import *`` binds as a side effect (np, it, math...): name -> module."""
    mod = modules.get(module)
    if mod is None or module in seen:
        return {}
    out: dict[str, str] = {}
    for star in mod.stars:
        out.update(gl_star_modules(modules, star, seen | {module}))
    if mod.all is None:
        out.update({n: src for n, (src, orig) in mod.imports.items()
                    if not orig and not n.startswith("_") and not src.startswith("manimlib")})
    return out


def gl_mro(classes: dict[str, GLClass], key: str) -> list[str]:
    """Depth-first, left to right, without repeats (C3 is not needed for these hierarchies)."""
    out: list[str] = []

    def walk(k: str) -> None:
        if k in out or k not in classes:
            return
        out.append(k)
        for b in classes[k].bases:
            walk(b)

    walk(key)
    return out


def gl_init(classes: dict[str, GLClass], key: str) -> tuple[Params | None, set[str], bool]:
    """The constructor's own parameters, and every keyword it accepts following ``**kwargs``
    up the MRO (open when the chain leaves manimlib with ``**kwargs`` still unplaced)."""
    first: Params | None = None
    names: set[str] = set()
    for k in gl_mro(classes, key):
        init = classes[k].methods.get("__init__")
        if init is None:
            continue
        first = first or init
        names |= set(init.keywords)
        if not init.varkw:
            return first, names, False
    return first, names, True


# --- usage in 3b1b's scenes ----------------------------------------------------------------------
@dataclass
class Usage:
    names: collections.Counter = field(default_factory=collections.Counter)
    attrs: collections.Counter = field(default_factory=collections.Counter)
    self_attrs: collections.Counter = field(default_factory=collections.Counter)
    kwargs: collections.Counter = field(default_factory=collections.Counter)  # (callee, kw)
    files: int = 0


def count_usage(sources: list[str]) -> Usage:
    use = Usage()
    for text in sources:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue  # a few of 3b1b's oldest files are Python 2
        use.files += 1
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                use.names[node.id] += 1
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                use.attrs[node.attr] += 1
                if isinstance(node.value, ast.Name) and node.value.id == "self":
                    use.self_attrs[node.attr] += 1
            elif isinstance(node, ast.Call):
                callee = node.func.id if isinstance(node.func, ast.Name) else (
                    f".{node.func.attr}" if isinstance(node.func, ast.Attribute) else None)
                if callee:
                    for k in node.keywords:
                        if k.arg:
                            use.kwargs[(callee, k.arg)] += 1
    return use


# --- the Manim Community side, from the installed package ---------------------------------------
class CE:
    """The installed manim: the static gate's namespace index plus what only an import shows
    (config attributes, positional layouts, deprecations, full docstrings)."""

    def __init__(self) -> None:
        warnings.simplefilter("ignore")
        sys.path.insert(0, str(ROOT))
        import manim

        from code2video_jupyter.repair.index_builder import build
        from code2video_jupyter.repair.namespace import Namespace

        self.manim = manim
        self.version = manim.__version__
        self.ns = Namespace(build())
        star: dict = {}
        exec("from manim import *", star)
        # Only manim's own names: the scaffold's are not what a GL name can mean.
        self.star = {n: v for n, v in star.items() if not n.startswith("__")}
        self.config_attrs = {n for n in dir(manim.config) if not n.startswith("_")}
        self.replacements = self._deprecations()

    def kind(self, name: str) -> str | None:
        if name not in self.star:
            return None
        v = self.star[name]
        if isinstance(v, type):
            return "class"
        if inspect.ismodule(v):
            return "module"
        return "function" if callable(v) else "constant"

    def class_key(self, name: str) -> str | None:
        return self.ns.class_key(name) if self.kind(name) == "class" else None

    def layout(self, obj: object) -> dict | None:
        """Positional parameter names and the *args name of a class's constructor or a function.
        A constructor that only passes ``*args`` on (``Arrow(*args, ...)``) has the layout of
        the next constructor up the MRO (``Line(start, end, ...)``)."""
        fns = [obj]
        if isinstance(obj, type):
            fns = [vars(c).get("_original__init__") or vars(c).get("__init__") for c in obj.__mro__]
            fns = [f for f in fns if f is not None and f is not object.__init__]
        for fn in fns:
            try:
                sig = inspect.signature(fn)
            except (TypeError, ValueError):
                return None
            params = [p for p in sig.parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                      and p.name not in ("self", "cls")]
            var = next((p.name for p in sig.parameters.values() if p.kind is p.VAR_POSITIONAL), None)
            if params or var != "args":
                return {"positional": [p.name for p in params], "varargs": var,
                        "required": [p.name for p in params if p.default is p.empty]}
        return None

    def _deprecations(self) -> dict[str, str]:
        """``@deprecated(..., replacement="X")`` on CE names: old name -> X."""
        out: dict[str, str] = {}
        pkg = Path(self.manim.__file__).parent
        for path in sorted(pkg.rglob("*.py")):
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except (SyntaxError, UnicodeDecodeError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
                    for d in node.decorator_list:
                        if isinstance(d, ast.Call) and ast.unparse(d.func).endswith("deprecated"):
                            for k in d.keywords:
                                if k.arg == "replacement" and isinstance(k.value, ast.Constant):
                                    out[node.name] = str(k.value.value)
        return out


# --- heuristics ---------------------------------------------------------------------------------
def norm(name: str) -> str:
    return name.lower().replace("_", "").replace("grey", "gray").replace("colour", "color")


def _unique(cands: list[str]) -> str | None:
    cands = sorted(set(cands))
    return cands[0] if len(cands) == 1 else None


def decide_name(name: str, kind: str, gl_aliases: dict[str, str], ce: CE,
                ce_by_norm: dict[str, list[str]]) -> dict:
    ce_kind = ce.kind(name)
    if ce_kind == kind or (ce_kind and {ce_kind, kind} <= {"class", "function"}):
        return {"decision": "same", "ce": name, "how": "same name and kind in CE"}
    alias = gl_aliases.get(name)
    if alias and ce.kind(alias) == kind:
        return {"decision": "renamed", "ce": alias, "how": f"GL alias of {alias}"}
    twins = [a for a, b in gl_aliases.items() if b == name and ce.kind(a) == kind]
    if _unique(twins):
        return {"decision": "renamed", "ce": twins[0], "how": f"GL alias {twins[0]} exists in CE"}
    same_words = [c for c in ce_by_norm.get(norm(name), []) if ce.kind(c) == kind]
    if _unique(same_words):
        return {"decision": "renamed", "ce": same_words[0], "how": "same words (case, _, grey/gray)"}
    if name in ce.replacements and ce.kind(ce.replacements[name]):
        return {"decision": "renamed", "ce": ce.replacements[name], "how": "CE deprecation's replacement"}
    if kind == "class" and name.startswith("V") and name[1:2].isupper() and ce.kind(name[1:]) == "class":
        return {"decision": "renamed", "ce": name[1:], "how": "GL V-variant of a CE class"}
    if kind == "constant":
        lower = name.lower()
        for attr in (lower, lower.removeprefix("default_")):
            if attr in ce.config_attrs:
                return {"decision": "moved", "ce": f"config.{attr}", "how": "a config attribute in CE"}
        # DEG -> DEGREES, but not BLUE -> BLUE_A (a graded colour is another value)
        longer = [c for c in ce.star if c.startswith(name) and not c.startswith(name + "_")
                  and c != name and ce.kind(c) == "constant" and c.isupper()]
        if name.isupper() and len(name) >= 3 and _unique(longer):
            return {"decision": "renamed", "ce": longer[0], "how": "CE constant that starts with it"}
    return {"decision": "unmatched", "ce": None, "how": "no CE name found"}


def decide_method(method: str, gl_cls: GLClass | None, ce_key: str | None, ce: CE) -> dict:
    if ce_key is None:
        return {"decision": "unmatched", "ce": None, "how": "the class has no CE counterpart"}
    attrs = sorted(a for a in ce.ns.attrs(ce_key) if not a.startswith("_"))

    def target(name: str, how: str, decision: str = "renamed") -> dict:
        out = {"decision": decision, "ce": name, "how": how}
        if ce.ns.method(ce_key, name) is None and not callable(
                getattr(_py_class(ce, ce_key), name, None)):
            out["access"] = "attribute"  # a property or data: obj.x, not obj.x()
        return out

    if ce.ns.has_attr(ce_key, method):
        return target(method, "the CE class has it", "same")
    if ce.ns.dynamic_prefix(ce_key, method) and method[4:] in attrs:
        # Mobject.__getattr__ answers get_x()/set_x(v) for any attribute or property x.
        return {"decision": "same", "ce": method, "how": f"CE's Mobject.__getattr__ (x = {method[4:]})"}
    alias = gl_cls.aliases.get(method) if gl_cls else None
    if alias and ce.ns.has_attr(ce_key, alias):
        return target(alias, f"GL alias of {alias}")
    twins = [a for a, b in (gl_cls.aliases.items() if gl_cls else []) if b == method and a in attrs]
    if _unique(twins):
        return target(twins[0], f"GL alias {twins[0]} exists in CE")
    same_words = [a for a in attrs if norm(a) == norm(method)]
    if _unique(same_words):
        return target(same_words[0], "same words on the CE class")
    if method.startswith("get_") and method[4:] in attrs:
        return target(method[4:], "get_ prefix dropped in CE")
    return {"decision": "unmatched", "ce": None, "how": "not on the CE class"}


def _py_class(ce: CE, key: str) -> type | None:
    module, _, name = key.rpartition(".")
    return getattr(sys.modules.get(module), name, None)


def decide_kwarg(kw: str, accepted: set[str], ce_cls: type | None) -> dict:
    same_words = [a for a in accepted if norm(a) == norm(kw)]
    if _unique(same_words):
        return {"decision": "renamed", "ce": same_words[0], "how": "same words"}
    prop = getattr(ce_cls, kw, None) if ce_cls else None
    if isinstance(prop, property) and prop.fset is not None:
        # Not a constructor argument but a settable property: X(..., height=2) -> X(...).set(height=2)
        return {"decision": "moved", "ce": f".set({kw}={{}})", "how": "a settable property in CE"}
    return {"decision": "drop", "ce": None, "how": "CE has no such parameter"}


# --- assembling the map -------------------------------------------------------------------------
def load_curated(path: Path) -> dict:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def class_targets(names: dict[str, dict], curated: dict) -> dict[str, str]:
    """GL class -> the CE class it becomes (derived, then as the curated file says)."""
    out = {n: e["ce"] for n, e in names.items()
           if e["kind"] == "class" and e["decision"] in ("same", "renamed") and e["ce"]}
    for n, e in curated.get("names", {}).items():
        if e.get("decision") in ("renamed", "same") and e.get("ce", "").isidentifier():
            out[n] = e["ce"]
        elif e.get("decision") in ("gone", "moved"):
            out.pop(n, None)
    for n, e in curated.get("classes", {}).items():
        if e.get("ce"):
            out[n] = e["ce"]
    return out


def derive(gl_repo: Path, videos_repo: Path | None, curated: dict) -> dict:
    modules, classes = parse_gl(gl_repo)
    star = gl_star(modules)
    sources = [git_show(gl_repo, "example_scenes.py")]
    if videos_repo is not None:
        sources += [git_show(videos_repo, p) for p in git_files(videos_repo)]
    use = count_usage(sources)
    ce = CE()
    ce_by_norm: dict[str, list[str]] = collections.defaultdict(list)
    for n in ce.star:
        ce_by_norm[norm(n)].append(n)
    gl_aliases = {n: a for m in modules.values() for n, a in m.aliases.items()}

    names: dict[str, dict] = {}
    for name, qual in sorted(star.items()):
        module, _, short = qual.rpartition(".")
        kind = modules[module].defs.get(short)
        if kind is None or name.startswith("_"):
            continue
        entry = {"kind": kind, "module": module, "uses": use.names[name]}
        entry.update(decide_name(name, kind, gl_aliases, ce, ce_by_norm))
        names[name] = entry
    # Classes that are not in the star namespace but that scenes reach (self.frame is one).
    gl_class_keys = {n: star[n] for n, e in names.items() if e["kind"] == "class"}
    for key in classes:
        short = key.rpartition(".")[2]
        if short in curated.get("classes", {}) and short not in gl_class_keys:
            gl_class_keys[short] = key
    targets = class_targets(names, curated)

    # GL classes: their CE counterpart, constructor layouts and rejected keyword arguments.
    class_out: dict[str, dict] = {}
    kwargs_out: dict[str, dict] = {}
    for name, key in sorted(gl_class_keys.items()):
        init, accepted, _open = gl_init(classes, key)
        item: dict = {"mro": [m.rpartition(".")[2] for m in gl_mro(classes, key)],
                      "ce": targets.get(name)}
        if init is not None:
            item["gl_init"] = {"positional": init.positional, "varargs": init.varargs}
        ce_key = ce.class_key(item["ce"]) if item["ce"] else None
        if ce_key and name in names:
            item["ce_init"] = ce.layout(ce.star[item["ce"]])
            ce_names, ce_open = ce.ns.init_params(ce_key)
            if not ce_open:
                rejected = {}
                for kw in sorted(accepted - ce_names):
                    d = decide_kwarg(kw, ce_names, ce.star[item["ce"]])
                    d["uses"] = use.kwargs[(name, kw)]
                    # An unused plain drop is written as the bare word, to keep the file small.
                    rejected[kw] = "drop" if d["decision"] == "drop" and not d["uses"] else d
                if rejected:
                    kwargs_out[name] = rejected
        class_out[name] = item

    # GL methods: per name, per GL class that defines it, against that class's CE counterpart.
    methods_out: dict[str, dict] = {}
    method_kwargs: dict[str, dict] = {}
    for name, key in sorted(gl_class_keys.items()):
        cls = classes[key]
        ce_key = ce.class_key(targets[name]) if targets.get(name) else None
        if ce_key is None:
            continue  # a class with no CE counterpart: its methods go with it
        members = [(m, p) for m, p in cls.methods.items()] + [(p, None) for p in cls.properties]
        for method, params in sorted(members, key=lambda mp: mp[0]):
            if method.startswith("_"):
                continue
            d = decide_method(method, cls, ce_key, ce)
            # Unused methods are listed only when they have another name in CE.
            if use.attrs[method] == 0 and d["decision"] != "renamed":
                continue
            entry = methods_out.setdefault(method, {"uses": use.attrs[method], "owners": {}})
            entry["owners"][name] = d
            if params is None or d["decision"] not in ("same", "renamed") or d.get("access"):
                continue
            ce_params = ce.ns.method_params(ce_key, d["ce"])
            if ce_params is None or ce_params[1]:
                continue
            rejected = {}
            for kw in sorted(set(params.keywords) - ce_params[0]):
                if use.kwargs[(f".{method}", kw)]:
                    r = decide_kwarg(kw, ce_params[0], None)
                    r["uses"] = use.kwargs[(f".{method}", kw)]
                    rejected[kw] = r
            if rejected:
                method_kwargs[f"{name}.{method}"] = rejected
    for entry in methods_out.values():
        entry.update(_summary(entry["owners"]))

    return {
        "sources": {"manimgl": git_head(gl_repo),
                    "videos": git_head(videos_repo) if videos_repo else None,
                    "manim_ce": ce.version, "files_counted": use.files},
        "names": names,
        "classes": class_out,
        "kwargs": kwargs_out,
        "methods": methods_out,
        "method_kwargs": method_kwargs,
        "scene_attrs": _scene_attrs(classes, star, use, ce),
        "star_modules": dict(sorted(gl_star_modules(modules).items())),
    }


def _summary(owners: dict[str, dict]) -> dict:
    """One decision for a method name, for when the receiver's class is not known: the name is
    fine somewhere ("same"), or every owner agrees on one CE name, or it stays unmatched."""
    decisions = {(d["decision"], d["ce"], d.get("access")) for d in owners.values()}
    if any(d == "same" for d, _, _ in decisions):
        return {"decision": "same", "how": "a CE class has it"}
    if len(decisions) == 1:
        decision, target, access = next(iter(decisions))
        how = next(iter(owners.values()))["how"]
        return {"decision": decision, "ce": target, "how": how, **({"access": access} if access else {})}
    return {"decision": "unmatched", "how": "the GL classes that have it disagree"}


def _scene_attrs(classes: dict[str, GLClass], star: dict[str, str], use: Usage, ce: CE) -> dict:
    manim = ce.manim
    scene_key = ce.ns.class_key("Scene")
    gl_scene = gl_mro(classes, star["InteractiveScene"])
    gl_attrs: set[str] = set()
    for k in gl_scene:
        gl_attrs |= set(classes[k].methods) | classes[k].attrs | classes[k].properties
    from code2video_jupyter.repair.index_builder import _instance_attrs

    # Where a CE scene keeps things GL's Scene has on itself, with the scene class it takes.
    holders = [("renderer", manim.renderer.cairo_renderer.CairoRenderer, "Scene")]
    for scene_name in ("Scene", "MovingCameraScene", "ThreeDScene"):
        cam = inspect.signature(ce.star[scene_name].__init__).parameters.get("camera_class")
        cam_cls = cam.default if cam is not None and isinstance(cam.default, type) else (
            manim.camera.camera.Camera)
        holders.append(("camera", cam_cls, scene_name))
    out = {}
    for attr in sorted(gl_attrs):
        n = use.self_attrs[attr]
        if attr.startswith("_") or n == 0:
            continue
        if ce.ns.has_attr(scene_key, attr):
            out[attr] = {"decision": "same", "ce": f"self.{attr}", "uses": n, "how": "on the CE Scene"}
            continue
        for holder, cls, scene_name in holders:
            if attr in dir(cls) or attr in _instance_attrs(cls):
                out[attr] = {"decision": "moved", "ce": f"self.{holder}.{attr}", "scene": scene_name,
                             "uses": n, "how": f"on CE's {cls.__name__}"}
                break
        else:
            out[attr] = {"decision": "unmatched", "ce": None, "uses": n, "how": "not on a CE scene"}
    return out


def report(data: dict, curated: dict, top: int) -> str:
    """Decisions among the most used names and methods, derived and curated together."""
    lines = []
    for section, label in (("names", "names"), ("methods", "methods")):
        ranked = sorted(data[section].items(), key=lambda kv: (-kv[1]["uses"], kv[0]))[:top]
        final = {n: curated.get(section, {}).get(n, {}).get("decision") or e["decision"]
                 for n, e in ranked}
        counts = collections.Counter(final.values())
        lines.append(f"top {top} GL {label} by use: {dict(sorted(counts.items()))}")
        lines += [f"  unmatched: {n} ({e['uses']} uses)" for n, e in ranked
                  if final[n] == "unmatched"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gl", type=Path, required=True, help="git folder of 3b1b/manim")
    ap.add_argument("--videos", type=Path, help="git folder of 3b1b/videos (usage counts)")
    ap.add_argument("--out", type=Path, default=ROOT / "code2video_jupyter/repair/data/gl_map.json")
    ap.add_argument("--curated", type=Path,
                    default=ROOT / "code2video_jupyter/repair/data/gl_map_curated.toml",
                    help="the hand decisions (read for the classes GL names become)")
    ap.add_argument("--report", type=int, default=150, metavar="N",
                    help="print the decisions among the N most used GL names and methods")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if the derivation differs from the map at --out "
                         "(the map is stale: manim or the mirrors changed)")
    args = ap.parse_args(argv)
    curated = load_curated(args.curated)
    data = derive(args.gl, args.videos, curated)
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'STALE: run this script without --check'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    print(report(data, curated, args.report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
