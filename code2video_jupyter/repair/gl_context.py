"""What the GL port needs to know about a whole file before it rewrites any statement: is it
ManimGL, which classes are scenes and what their camera does, what the variables hold, what
the file defines itself."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from .. import pyparse
from . import gl_frame
from .gl_map import GLMap
from .namespace import Namespace

GL_ROOTS = frozenset({"manimlib", "manim_imports_ext", "big_ol_pile_of_manim_imports"})


@dataclass
class SceneInfo:
    node: ast.ClassDef
    gl_base: str  # the library scene class it derives from (GL name: Scene, InteractiveScene...)
    root: ast.ClassDef  # the class in this file that names that base
    aliases: frozenset[str] = frozenset()  # local names bound to the camera frame
    owns_frame: bool = False  # the class sets self.frame itself: not GL's camera frame
    mode: str | None = None  # for the root's family: None | "moving" | "3d"


class Context:
    """What the port needs to know about the whole file before rewriting any statement."""

    def __init__(self, tree: ast.Module, ns: Namespace, gl: GLMap) -> None:
        self.tree, self.ns, self.gl = tree, ns, gl
        # one walk of the file for every question about all of it (files reach 6000 lines)
        self.nodes: list[ast.AST] = list(pyparse.walk(tree))
        self.parents = pyparse.parents(tree)
        self.gl_imports = [n for n in self.nodes if _is_gl_import(n)]
        self.local = pyparse.bound_names(self.nodes, exclude=set(map(id, self.gl_imports)))
        self.defined = {n.name for n in self.nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.classes = {n.name: n for n in self.nodes if isinstance(n, ast.ClassDef)}
        self.scenes = self._scenes()
        self.is_gl = bool(self.gl_imports) or self._has_gl_marker()
        self._assigned = _assignments(self.nodes)
        self.ce_attrs = _ce_attrs(ns)
        if self.is_gl:
            self._frame_modes()

    # GL markers: names only ManimGL has, or GL's camera frame on self.
    def _has_gl_marker(self) -> bool:
        markers = self.gl.markers - self.local
        for node in self.nodes:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in markers:
                return True
        # Only GL's own spelling, self.frame: self.camera.frame is also how Community code
        # (a MovingCameraScene) reaches the frame, so it proves nothing about the dialect.
        return any(gl_frame.is_frame(n) and not info.owns_frame
                   and isinstance(n.value, ast.Name) and n.value.id == "self"
                   for info in self.scenes.values() for n in pyparse.walk(info.node)
                   if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Load))

    def _scenes(self) -> dict[ast.ClassDef, SceneInfo]:
        classes = self.classes
        out: dict[ast.ClassDef, SceneInfo] = {}

        def base_of(cls: ast.ClassDef, seen: frozenset[str]) -> tuple[str, ast.ClassDef] | None:
            for b in cls.bases:
                name = b.id if isinstance(b, ast.Name) else None
                if name is None or name in seen:
                    continue
                if name in classes and name != cls.name:
                    found = base_of(classes[name], seen | {name})
                    if found:
                        return found
                elif name not in self.local and self._is_scene_class(name):
                    return name, cls
            return None

        for cls in classes.values():
            found = base_of(cls, frozenset({cls.name}))
            if found:
                owns = any(isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)
                           and n.attr == "frame" and isinstance(n.value, ast.Name) and n.value.id == "self"
                           for n in pyparse.walk(cls))
                out[cls] = SceneInfo(cls, found[0], found[1], _frame_aliases(cls), owns)
        return out

    def _is_scene_class(self, name: str) -> bool:
        """A GL or CE scene class (GL's names first: ``InteractiveScene`` is only GL's)."""
        if "Scene" in self.gl.mro(name):
            return True
        key = self.ns.class_key(name)
        return key is not None and "manim.scene.scene.Scene" in self.ns.classes[key]["mro"]

    def _frame_modes(self) -> None:
        """A family of scene classes whose camera moves needs a CE scene with a movable camera:
        MovingCameraScene when the frame is moved or zoomed, ThreeDScene when it turns."""
        modes: dict[int, str | None] = {}
        for info in self.scenes.values():
            if info.owns_frame:
                continue
            turns = ("ThreeDScene" in self.gl.mro(info.gl_base)
                     or gl_frame.uses_orientation(info.node, info.aliases)
                     or default_orientation(info.node) is not None)
            moves = any(gl_frame.is_frame(n, info.aliases) for n in pyparse.walk(info.node))
            mode = "3d" if turns else "moving" if moves else None
            rank = {None: 0, "moving": 1, "3d": 2}
            if rank[mode] > rank[modes.get(id(info.root))]:
                modes[id(info.root)] = mode
        for info in self.scenes.values():
            info.mode = modes.get(id(info.root))

    # --- types ----------------------------------------------------------------------------------
    def class_of(self, node: ast.AST) -> ast.ClassDef | None:
        while node is not None:
            node = self.parents.get(id(node))  # type: ignore[assignment]
            if isinstance(node, ast.ClassDef):
                return node
        return None

    def gl_type(self, expr: ast.AST, scene: SceneInfo | None, depth: int = 0) -> str | None:
        """The (GL or CE) class name of an expression's value, when it is certain."""
        if depth > 4:
            return None
        if isinstance(expr, ast.Name):
            if expr.id == "self" and scene is not None:
                return scene.gl_base
            if scene is not None and expr.id in scene.aliases:
                return "CameraFrame"
            return self._assigned_type(expr.id, scene, depth)
        if isinstance(expr, ast.Attribute):
            if gl_frame.is_frame(expr) and scene is not None and not scene.owns_frame:
                return "CameraFrame"
            if isinstance(expr.value, ast.Name) and expr.value.id == "self":
                return self._assigned_type(f"self.{expr.attr}", scene, depth)
            return None
        if isinstance(expr, ast.Call):
            f = expr.func
            if isinstance(f, ast.Name):
                if f.id in self.local:
                    return None
                if self.gl.class_info(f.id) or self.ns.class_key(f.id):
                    return f.id
            elif isinstance(f, ast.Attribute):
                owner = self.gl_type(f.value, scene, depth + 1)
                key = self.ce_key(owner)
                m = self.ns.method(key, f.attr) if key else None
                if m is not None and _returns_self(m.sig, key):  # type: ignore[arg-type]
                    return owner
        return None

    def _assigned_type(self, name: str, scene: SceneInfo | None, depth: int) -> str | None:
        """A variable's class when every assignment to it builds the same class."""
        values = self._assigned.get(name)
        if not values or any(v is None for v in values):
            return None
        types = {self.gl_type(v, scene, depth + 1) for v in values}  # type: ignore[arg-type]
        return types.pop() if len(types) == 1 else None

    def ce_key(self, name: str | None) -> str | None:
        """The CE class key for a GL (or CE) class name."""
        if name is None:
            return None
        info = self.gl.class_info(name)
        target = info.ce if info is not None else name
        entry = self.gl.name(name)
        if entry is not None and entry.gl_only and not self.is_gl:
            target = name  # a CE file's Tex is CE's Tex
        return self.ns.class_key(target) if target else None

    def exists_in_ce(self, key: str | None, attr: str) -> bool:
        if key is None:
            return attr in self.ce_attrs
        if self.ns.has_attr(key, attr):
            return True
        return self.ns.dynamic_prefix(key, attr) and attr[4:] in self.ns.attrs(key)


def _returns_self(sig: str, key: str) -> bool:
    ret = sig.rsplit("->", 1)[-1].strip(" '\"") if "->" in sig else ""
    return ret in ("Self", key.rsplit(".", 1)[-1])


def default_orientation(cls: ast.ClassDef) -> tuple[float, float] | None:
    """``default_frame_orientation = (theta, phi)`` in a GL scene class body, in degrees."""
    for stmt in cls.body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and stmt.targets[0].id == "default_frame_orientation"):
            try:
                value = ast.literal_eval(stmt.value)
            except ValueError:
                return None
            if (isinstance(value, (tuple, list)) and len(value) >= 2
                    and all(isinstance(v, (int, float)) for v in value[:2])):
                return float(value[0]), float(value[1])
    return None


def _frame_aliases(cls: ast.ClassDef) -> frozenset[str]:
    """Names assigned from ``self.frame`` (``frame = self.frame``) and never otherwise."""
    from_frame: set[str] = set()
    other: set[str] = set()
    for node in pyparse.walk(cls):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    (from_frame if gl_frame.is_frame(node.value) else other).add(t.id)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.withitem, ast.arg)):
            target = getattr(node, "target", None) or getattr(node, "optional_vars", None)
            if isinstance(target, ast.Name):
                other.add(target.id)
            if isinstance(node, ast.arg):
                other.add(node.arg)
    return frozenset(from_frame - other)


def _is_gl_import(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        return not node.level and (node.module or "").split(".")[0] in GL_ROOTS
    if isinstance(node, ast.Import):
        return all(a.name.split(".")[0] in GL_ROOTS for a in node.names)
    return False


def _assignments(nodes: list[ast.AST]) -> dict[str, list[ast.AST | None]]:
    """What names (and ``self.x``) are assigned in the file: the value of each plain
    ``x = value``, None for any other binding (a parameter, a loop, an unpacking...)."""
    values: dict[str, list[ast.AST | None]] = {}
    for node in nodes:
        targets: list[ast.AST] = []
        value: ast.AST | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.NamedExpr)):
            targets = [node.target]
        elif isinstance(node, ast.arg):
            values.setdefault(node.arg, []).append(None)
        for t in targets:
            simple = value if len(targets) == 1 else None
            if isinstance(t, ast.Name):
                values.setdefault(t.id, []).append(simple)
            elif isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                values.setdefault(f"self.{t.attr}", []).append(simple)
            else:
                for n in pyparse.walk(t):
                    if isinstance(n, ast.Name):
                        values.setdefault(n.id, []).append(None)
    return values


_CE_ATTRS: dict[int, frozenset[str]] = {}


def _ce_attrs(ns: Namespace) -> frozenset[str]:
    """Every attribute of every CE class the default renderer uses (OpenGL-only classes left
    out: a GL method that exists only there would still fail on a Cairo-rendered mobject)."""
    key = id(ns)
    if key not in _CE_ATTRS:
        out: set[str] = set()
        for k, c in ns.classes.items():
            if ".opengl." not in k:
                out |= set(c["attrs"]) | set(c["iattrs"])
        _CE_ATTRS[key] = frozenset(out)
    return _CE_ATTRS[key]
