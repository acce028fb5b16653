"""A scene that uses another kind of scene's API: ``self.set_camera_orientation`` in a plain
``Scene`` (a ThreeDScene method), ``self.camera.frame`` in a Scene whose camera has no frame
(a MovingCameraScene's). The meaning needs the other scene class: its base is changed."""

from __future__ import annotations

import ast
import re

from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, parse

_SELF_ATTR = re.compile(r"'(\w+)' object has no attribute '(\w+)'")
# what a plain Scene can become, most specific first
TARGETS = ("ThreeDScene", "MovingCameraScene")


def scene_class(tree: ast.Module, name: str | None, line: int | None) -> ast.ClassDef | None:
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    if name:
        named = [c for c in classes if c.name == name]
        if named:
            return named[0]
    if line is not None:
        spans = [c for c in classes if c.lineno <= line <= (c.end_lineno or c.lineno)]
        if spans:
            return spans[0]
    return None


def rebase(source: str, cls: ast.ClassDef, new_base: str, why: str) -> Cure | None:
    # a plain Scene; or a MovingCameraScene that turns its camera in 3-D (models mix the two)
    bases = [b for b in cls.bases if isinstance(b, ast.Name) and (
        b.id == "Scene" or (b.id == "MovingCameraScene" and new_base == "ThreeDScene"))]
    if not bases:
        return None
    base = bases[0]
    lines = source.split("\n")
    row = lines[base.lineno - 1]
    lines[base.lineno - 1] = row[:base.col_offset] + new_base + row[base.end_col_offset:]
    return Cure("scene class", "\n".join(lines),
                [Fix(cls.lineno, "scene_class", f"class {cls.name}({base.id}) -> ({new_base}): {why}")])


def scene_base_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    m = _SELF_ATTR.search(message)
    tree = parse(source)
    if not m or tree is None:
        return None
    owner, attr = m.groups()
    if owner in ("Camera", "ThreeDCamera") and attr == "frame":
        cls = scene_class(tree, None, line)
        if cls is not None:
            return rebase(source, cls, "MovingCameraScene", "it moves the camera's frame")
        return None
    if ns.class_key(owner) is not None:
        return None  # a manim object, not the user's scene
    cls = scene_class(tree, owner, line)
    if cls is None:
        return None
    for target in TARGETS:
        key = ns.class_key(target)
        if key and ns.has_attr(key, attr) and not ns.has_attr(ns.class_key("Scene") or "", attr):
            return rebase(source, cls, target, f"it uses {target}.{attr}")
    return None
