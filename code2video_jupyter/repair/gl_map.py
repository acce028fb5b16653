"""The ManimGL -> Manim Community API map, as data: ``data/gl_map.json`` (derived from the
sources by ``scripts/derive_gl_map.py``) with ``data/gl_map_curated.toml`` (the decisions a
script cannot make, each with its reason) laid over it. Loaded once, read-only.

Decisions: ``same`` (works as is), ``renamed`` (``ce`` is the CE name), ``moved`` (``ce`` is
an expression, or a ``template``/``rule`` rewrites the call), ``gone`` (no CE equivalent; the
reason says what to write), ``drop`` (a method call, keyword or statement with no effect worth
keeping in CE), ``unmatched`` (derived, not yet decided).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

Decision = Literal["same", "renamed", "moved", "gone", "drop", "unmatched"]
DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Entry:
    """One decision about a GL name, method, keyword argument or scene attribute."""

    gl: str
    decision: Decision
    ce: str | None = None
    reason: str = ""
    curated: bool = False
    uses: int = 0
    kind: str = ""  # class | function | constant (names only)
    gl_only: bool = False  # only in ManimGL files: the name means something else in CE
    gl_marker: bool = False  # its presence makes a file ManimGL
    lossy: bool = False
    template: str | None = None
    defaults: dict[str, str] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()  # GL's names for positional arguments, to pass them by keyword
    chain: dict[str, str] = field(default_factory=dict)  # keyword -> ".method({})" after the call
    access: str | None = None  # "attribute": obj.get_x() becomes obj.x
    rule: str | None = None  # a rewrite implemented in gl_port.py
    owner: str | None = None  # the GL class a method belongs to

    @property
    def decided(self) -> bool:
        return self.decision != "unmatched"


@dataclass(frozen=True)
class ClassInfo:
    """A GL class: its GL ancestors, its CE counterpart and both positional layouts."""

    gl: str
    ce: str | None
    mro: tuple[str, ...]
    gl_positional: tuple[str, ...] = ()
    gl_varargs: str | None = None
    ce_positional: tuple[str, ...] = ()
    ce_varargs: str | None = None
    ce_required: tuple[str, ...] = ()  # CE positional parameters without a default
    ce_layout_known: bool = False


_FIELDS = {f for f in Entry.__dataclass_fields__}


def _uses(derived: dict | str | None) -> int:
    """How often GL's sources use an entry (a derived entry may be a bare decision: "drop")."""
    return derived.get("uses", 0) if isinstance(derived, dict) else 0


def _entry(gl: str, raw: dict | str, curated: bool) -> Entry:
    if isinstance(raw, str):  # the derived file's shorthand for an unused plain drop
        return Entry(gl=gl, decision=raw, reason="CE has no such parameter")  # type: ignore[arg-type]
    data = {k: v for k, v in raw.items() if k in _FIELDS}
    data["reason"] = raw.get("reason") or raw.get("how") or ""
    if "keywords" in data:
        data["keywords"] = tuple(data["keywords"])
    return Entry(gl=gl, curated=curated, **{k: v for k, v in data.items() if k != "gl"})


class GLMap:
    def __init__(self, derived: dict, curated: dict) -> None:
        self.sources: dict = derived.get("sources", {})
        # Modules `from manimlib import *` binds too (np, it, math...): alias -> module.
        self.star_modules: dict[str, str] = derived.get("star_modules", {})
        self.names: dict[str, Entry] = {n: _entry(n, e, False) for n, e in derived["names"].items()}
        for n, e in curated.get("names", {}).items():
            base = derived["names"].get(n, {})
            self.names[n] = _entry(n, {"kind": base.get("kind", ""), "uses": base.get("uses", 0), **e},
                                   True)
        self.classes: dict[str, ClassInfo] = {}
        for n, c in derived.get("classes", {}).items():
            gl_init, ce_init = c.get("gl_init") or {}, c.get("ce_init")
            self.classes[n] = ClassInfo(
                gl=n, ce=c.get("ce"), mro=tuple(c.get("mro", [n])),
                gl_positional=tuple(gl_init.get("positional", [])), gl_varargs=gl_init.get("varargs"),
                ce_positional=tuple((ce_init or {}).get("positional", [])),
                ce_varargs=(ce_init or {}).get("varargs"),
                ce_required=tuple((ce_init or {}).get("required", [])), ce_layout_known=ce_init is not None)
        # Per method name: a summary entry, and one per GL owner class (derived).
        self._methods: dict[str, Entry] = {}
        self._method_owners: dict[str, dict[str, Entry]] = {}
        for m, e in derived.get("methods", {}).items():
            self._methods[m] = _entry(m, e, False)
            self._method_owners[m] = {o: _entry(m, {**d, "owner": o}, False)
                                      for o, d in e.get("owners", {}).items()}
        # Curated entries keep the derived use counts (the ranking is by use).
        self._curated_methods = {
            m: _entry(m, {"uses": derived.get("methods", {}).get(m, {}).get("uses", 0), **e}, True)
            for m, e in curated.get("methods", {}).items()}
        self.kwargs: dict[str, dict[str, Entry]] = {}
        for cls, kws in derived.get("kwargs", {}).items():
            self.kwargs[cls] = {k: _entry(k, e, False) for k, e in kws.items()}
        for cls, kws in curated.get("kwargs", {}).items():
            known = derived.get("kwargs", {}).get(cls, {})
            self.kwargs.setdefault(cls, {}).update(
                {k: _entry(k, {"uses": _uses(known.get(k)), **e}, True) for k, e in kws.items()})
        self.method_kwargs: dict[str, dict[str, Entry]] = {}
        for key, kws in sorted(derived.get("method_kwargs", {}).items()):
            method = key.rpartition(".")[2]
            for k, e in kws.items():
                self.method_kwargs.setdefault(method, {}).setdefault(k, _entry(k, e, False))
        for method, kws in curated.get("method_kwargs", {}).items():
            self.method_kwargs.setdefault(method, {}).update({k: _entry(k, e, True) for k, e in kws.items()})
        self.dict_kwargs: dict[str, dict[str, str]] = curated.get("dict_kwargs", {})
        self.scene_attrs: dict[str, Entry] = {
            a: _entry(a, e, False) for a, e in derived.get("scene_attrs", {}).items()}
        self.scene_attrs.update({a: _entry(a, e, True) for a, e in curated.get("scene_attrs", {}).items()})
        for n, c in curated.get("classes", {}).items():
            info = self.classes.get(n)
            if info is not None:
                self.classes[n] = ClassInfo(**{**info.__dict__, "ce": c.get("ce")})

    # --- lookups --------------------------------------------------------------------------------
    def name(self, gl: str) -> Entry | None:
        return self.names.get(gl)

    def class_info(self, gl: str) -> ClassInfo | None:
        return self.classes.get(gl)

    def mro(self, gl_class: str | None) -> tuple[str, ...]:
        info = self.classes.get(gl_class or "")
        return info.mro if info else ()

    def method(self, name: str, owner: str | None = None) -> Entry | None:
        """The decision for ``obj.name`` -- for ``obj`` of GL class ``owner`` when known."""
        mro = self.mro(owner)
        curated = self._curated_methods.get(name)
        if curated is not None and (owner is None or curated.owner is None or curated.owner in mro):
            return curated
        if owner is not None:
            per_owner = self._method_owners.get(name, {})
            for cls in mro:
                if cls in per_owner:
                    return per_owner[cls]
            return None
        return self._methods.get(name)

    def method_owners(self, name: str) -> dict[str, Entry]:
        return self._method_owners.get(name, {})

    def kwarg(self, gl_class: str, kw: str) -> Entry | None:
        """A GL constructor keyword the CE class rejects, looked up the GL class's ancestors."""
        for cls in self.mro(gl_class) or (gl_class,):
            entry = self.kwargs.get(cls, {}).get(kw)
            if entry is not None:
                return entry
        return None

    def dict_kwarg_class(self, gl_class: str, kw: str) -> str | None:
        for cls in self.mro(gl_class) or (gl_class,):
            target = self.dict_kwargs.get(cls, {}).get(kw)
            if target:
                return target
        return None

    def method_kwarg(self, method: str, kw: str) -> Entry | None:
        return self.method_kwargs.get(method, {}).get(kw)

    def scene_attr(self, attr: str) -> Entry | None:
        return self.scene_attrs.get(attr)

    @property
    def markers(self) -> frozenset[str]:
        """Names whose presence alone says the file is ManimGL."""
        return frozenset(n for n, e in self.names.items() if e.gl_marker)

    def ranked(self, section: Literal["names", "methods"] = "names", top: int | None = None) -> list[Entry]:
        """Entries by how often 3b1b's scenes use them (ties by name)."""
        pool = self.names if section == "names" else {
            m: self._curated_methods.get(m) or e for m, e in self._methods.items()}
        ranked = sorted(pool.values(), key=lambda e: (-e.uses, e.gl))
        return ranked[:top] if top else ranked


@lru_cache(maxsize=1)
def load_gl_map() -> GLMap:
    derived = json.loads((DATA / "gl_map.json").read_text(encoding="utf-8"))
    curated = tomllib.loads((DATA / "gl_map_curated.toml").read_text(encoding="utf-8"))
    return GLMap(derived, curated)
