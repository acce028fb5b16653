"""The namespace index of the installed manim (and the scaffold), built once per version in a
subprocess and cached as JSON, so that checking code never imports manim here."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .. import pyparse
from ..caches import cache_root
from ..fingerprint import scaffold_fingerprint
from ..store import atomic

if TYPE_CHECKING:
    from .project import Project

_lock = threading.Lock()
_loaded: dict[str, Namespace] = {}


def _cache_file() -> Path:
    base = cache_root()
    version = metadata.version("manim")
    # A new builder (or scaffold) makes a new index; old files are simply not read again.
    builder = hashlib.sha256((Path(__file__).parent / "index_builder.py").read_bytes()).hexdigest()[:8]
    return Path(base) / "namespace" / f"manim-{version}-{scaffold_fingerprint()[:10]}-{builder}.json"


def load_namespace() -> Namespace:
    """The index for this machine's manim, built on first use (about 5 s) and then read."""
    path = _cache_file()
    key = str(path)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            proc = subprocess.run(
                [sys.executable, "-m", "code2video_jupyter.repair.index_builder", str(tmp)],
                capture_output=True, text=True, timeout=300)
            if proc.returncode != 0:
                raise RuntimeError(f"could not index manim's namespace: {proc.stderr[-800:]}")
            atomic.move_into_place(tmp, path)
        ns = Namespace(json.loads(path.read_text()))
        _loaded[key] = ns
        return ns


@dataclass(frozen=True)
class Signature:
    params: tuple[str, ...]
    open: bool
    sig: str
    doc: str

    @cached_property
    def _arguments(self) -> tuple[ast.arguments | None, bool]:
        """The signature text parsed, and whether it is whole: the index cuts long ones short
        (``...``), which are read up to their last whole parameter."""
        text = self.sig.split(" -> ")[0]
        whole = not text.endswith("...")
        while text:
            try:
                fn = pyparse.parse(f"def f{text if text.endswith(')') else text + ')'}: pass").body[0]
                return (fn.args if isinstance(fn, ast.FunctionDef) else None), whole
            except SyntaxError:
                if whole or ", " not in text:
                    return None, whole
                text = text.rsplit(", ", 1)[0]
        return None, whole

    @cached_property
    def required(self) -> tuple[str, ...] | None:
        """The parameters a call must give (no default; ``self`` left out), in order; None
        when the signature text cannot be read whole."""
        a, whole = self._arguments
        if a is None or not whole:
            return None
        args = [p.arg for p in [*a.posonlyargs, *a.args] if p.arg not in ("self", "cls")]
        kwonly = [p.arg for p, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is None]
        return tuple(args[:len(args) - len(a.defaults)] + kwonly)

    @cached_property
    def positional(self) -> tuple[str, ...]:
        """The parameters a call can give by position, in order (``self`` left out)."""
        a = self._arguments[0]
        return () if a is None else tuple(p.arg for p in [*a.posonlyargs, *a.args] if p.arg not in ("self", "cls"))

    @property
    def varargs(self) -> str | None:
        """The name of its ``*args`` parameter (``shift(*vectors)``), if it has one."""
        a = self._arguments[0]
        return a.vararg.arg if a is not None and a.vararg is not None else None

    def default(self, name: str) -> ast.expr | None:
        """The default of parameter ``name`` as the signature writes it, if it has one."""
        a = self._arguments[0]
        if a is None:
            return None
        positional = [*a.posonlyargs, *a.args]
        pairs = list(zip(positional[len(positional) - len(a.defaults):], a.defaults, strict=True))
        pairs += [(p, d) for p, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None]
        return next((d for p, d in pairs if p.arg == name), None)

    def annotation(self, name: str) -> str | None:
        """The type parameter ``name`` is annotated with (``'VMobject'``), if the signature says."""
        a = self._arguments[0]
        if a is None:
            return None
        node = next((p.annotation for p in [*a.posonlyargs, *a.args, *a.kwonlyargs] if p.arg == name), None)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        return ast.unparse(node) if node is not None else None


class Namespace:
    def __init__(self, data: dict) -> None:
        self.data = data
        self.star: dict[str, dict] = data["star"]
        self.classes: dict[str, dict] = data["classes"]
        self.modules: dict[str, list[str]] = data["modules"]
        self.colors: list[str] = data["colors"]
        self.x11: dict[str, str] = data.get("x11", {})
        self.xkcd: dict[str, str] = data.get("xkcd", {})  # name in manim's XKCD -> #RRGGBB
        self.hidden: dict[str, str] = data.get("hidden", {})  # name -> manim module it is in
        self.version: str = data["manim"]
        # the scene's own modules (repair/project.py), when it is checked inside its project
        self.project: Project | None = None

    def with_project(self, project: Project) -> Namespace:
        """This index, for a scene that imports ``project``'s modules (the gate reads their
        names and classes). Shares everything already computed."""
        ns = Namespace.__new__(Namespace)
        ns.__dict__.update(self.__dict__)
        ns.project = project
        return ns

    @cached_property
    def star_names(self) -> frozenset[str]:
        return frozenset(self.star)

    @cached_property
    def method_names(self) -> frozenset[str]:
        """Every method name some manim class has."""
        return frozenset(m for c in self.classes.values() for m in c["methods"])

    @cached_property
    def manim_names(self) -> frozenset[str]:
        """What ``from manim import *`` alone gives (the scaffold adds the rest)."""
        return frozenset(self.data.get("manim_star", self.star))

    @cached_property
    def manim_modules(self) -> frozenset[str]:
        """manim's modules and packages, as the classes' keys name them (``manim.utils.color``)."""
        return frozenset(key.rsplit(".", i)[0] for key in self.classes if key.startswith("manim.")
                         for i in range(1, key.count(".")))

    def class_key(self, name: str) -> str | None:
        entry = self.star.get(name)
        return entry["key"] if entry and entry["kind"] == "class" else None

    def is_class(self, name: str) -> bool:
        return self.class_key(name) is not None

    def is_animation(self, name: str) -> bool:
        """Whether ``name`` is a manim class that is an Animation (Indicate, MoveAlongPath...)."""
        key, base = self.class_key(name), self.class_key("Animation")
        return key is not None and base is not None and base in self.classes[key]["mro"]

    def mro(self, key: str) -> list[dict]:
        return [self.classes[k] for k in self.classes[key]["mro"] if k in self.classes]

    def has_attr(self, key: str, attr: str) -> bool:
        cls = self.classes[key]
        if attr in cls["attrs"]:
            return True
        return any(attr in c["iattrs"] for c in self.mro(key))

    def attrs(self, key: str) -> set[str]:
        out = set(self.classes[key]["attrs"])
        for c in self.mro(key):
            out |= set(c["iattrs"])
        return out

    def dynamic_prefix(self, key: str, attr: str) -> bool:
        """Mobject.__getattr__ answers get_X/set_X for any X (and silently does nothing useful)."""
        return attr.startswith(("get_", "set_")) and any(c.get("getattr") for c in self.mro(key))

    def method(self, key: str, name: str) -> Signature | None:
        for c in self.mro(key):
            m = c["methods"].get(name)
            if m is not None and "params" in m:
                return Signature(tuple(m["params"]), m["open"], m["sig"], m.get("doc", ""))
        return None

    def methods_named(self, name: str) -> list[dict]:
        """Every manim class's own method of that name with a readable signature: what a call
        on a receiver of unknown type may reach."""
        return [entry for c in self.classes.values()
                if (entry := c["methods"].get(name)) is not None and entry.get("params") is not None]

    def signatures_named(self, name: str) -> list[Signature]:
        """The signatures of every manim class's own method of that name."""
        return [Signature(tuple(e["params"]), e["open"], e["sig"], e.get("doc", "")) for e in self.methods_named(name)]

    def returns(self, name: str) -> set[str]:
        """The types the manim methods named ``name`` declare they return (``Point3D``), those
        that declare one other than Any."""
        return {m.group(1) for d in self.methods_named(name)
                if (m := re.search(r"-> '([^']+)'$", d.get("sig") or "")) and m.group(1) != "Any"}

    def method_params(self, key: str, name: str, depth: int = 0) -> tuple[set[str], bool] | None:
        """Keyword arguments a method accepts, following where its **kwargs are passed on
        (``arrange(**kwargs)`` -> ``next_to``). Returns (names, open), or None if unknown."""
        m = self.method(key, name)
        if m is None:
            return None
        if not m.open:
            return set(m.params), False
        forwards = self._forwards(key, name)
        if not forwards or depth > 3:
            return set(m.params), True
        names = set(m.params)
        open_ = False
        for target in forwards:
            sub = self.method_params(key, target, depth + 1)
            if sub is None:
                return names, True
            names |= sub[0]  # what it passes on to is accepted, even where more may be
            open_ = open_ or sub[1]
        return names, open_

    def _forwards(self, key: str, name: str) -> list[str] | None:
        for c in self.mro(key):
            m = c["methods"].get(name)
            if m is not None and "params" in m:
                return m.get("forwards")
        return None

    def init_params(self, key: str, depth: int = 0) -> tuple[set[str], bool]:
        """Keyword arguments a class accepts: follow __init__ up the MRO while it passes
        **kwargs on, and into the classes it builds with them (TransformMatchingTex passes its
        **kwargs to the Transforms it makes: path_arc is theirs). Returns (names, open) -- open
        when the chain cannot be followed."""
        names: set[str] = set()
        for c in self.mro(key):
            init = c["methods"].get("__init__")
            if init is None or "params" not in init:
                continue
            names |= set(init["params"])
            for built in dict.fromkeys(init.get("forwards") or []):
                sub = self.class_key(built)
                if sub is not None and sub != key and depth < 3:
                    names |= self.init_params(sub, depth + 1)[0]
            if not init["open"]:
                return names, False
        # The chain ended on a class we do not know (or object) with **kwargs still open.
        last = self.classes[key]["mro"][-1]
        return names, last != "builtins.object"

    def function(self, name: str) -> Signature | None:
        entry = self.star.get(name)
        if entry and entry["kind"] == "function":
            return Signature(tuple(entry["params"]), entry["open"], entry["sig"], entry.get("doc", ""))
        return None

    def describe(self, name: str) -> str | None:
        """Signature and doc head of a name, for a fix prompt."""
        entry = self.star.get(name)
        if entry is None:
            return None
        if entry["kind"] == "class":
            return f"class {name}{entry['sig'].replace('(self, ', '(').replace('(self)', '()')}: {entry['doc']}"
        if entry["kind"] == "function":
            return f"def {name}{entry['sig']}: {entry.get('doc', '')}"
        return f"{name}: {entry['kind']}"

    def describe_method(self, key: str, name: str) -> str | None:
        m = self.method(key, name)
        if m is None:
            return None
        owner = key.rsplit(".", 1)[-1]
        return f"{owner}.{name}{m.sig.replace('(self, ', '(').replace('(self)', '()')}: {m.doc}"
