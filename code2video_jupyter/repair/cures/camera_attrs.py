"""A scene's camera state read off the scene: ``self.fixed_in_frame_mobjects``,
``self.phi``, ``self.frame_center``. Manim Community keeps them on the scene's camera
(``ThreeDCamera`` for a ``ThreeDScene``, ``MovingCamera`` for a ``MovingCameraScene``), and
the namespace index says which camera has which; every ``self.X`` of that class becomes
``self.camera.X``."""

from __future__ import annotations

import ast

from ... import pyparse
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, parse, replace_names
from .issues import ATTR_ERROR, manim_base
from .scene_base import scene_class

# The camera each kind of scene makes, most specific first.
_CAMERAS = (("ThreeDScene", "ThreeDCamera"), ("MovingCameraScene", "MovingCamera"), ("Scene", "Camera"))


def camera_attribute_cure(source: str, message: str, ns: Namespace) -> Cure | None:
    m = ATTR_ERROR.search(message)
    tree = parse(source)
    if m is None or tree is None:
        return None
    scene, attr = m.groups()
    key = manim_base(tree, scene, ns)
    if key is None or ns.has_attr(key, attr):
        return None
    mro = {k.rsplit(".", 1)[-1] for k in ns.classes[key]["mro"]}
    camera = next((ns.class_key(cam) for sc, cam in _CAMERAS if sc in mro), None)
    if camera is None or not ns.has_attr(camera, attr):
        return None
    classes = [n for n in pyparse.walk(tree) if isinstance(n, ast.ClassDef) and n.name == scene]
    spots = [n for c in classes for n in pyparse.walk(c)
             if isinstance(n, ast.Attribute) and n.attr == attr and isinstance(n.value, ast.Name)
             and n.value.id == "self" and isinstance(n.ctx, ast.Load)]
    if not spots:
        return None
    text = replace_names(source, [(n.lineno, n.col_offset, "self", "self.camera") for n in spots])
    camera_name = camera.rsplit(".", 1)[-1]
    return Cure("camera attribute", text, [Fix(spots[0].lineno, "renamed_api", f"self.{attr} -> "
                                               f"self.camera.{attr} (the scene's {camera_name} holds it)")])


_MODULE_CAMERA = "module 'manim.camera' has no attribute"


def bare_camera_cure(source: str, message: str, line: int | None) -> Cure | None:
    """``camera.frame.animate.scale(0.5)`` in a scene's method: the model meant the scene's
    camera, but the bare name is manim's ``camera`` module (``from manim import *`` brings it).
    Every such use in the methods of the failing statement's class becomes ``self.camera``;
    the scene's camera then answers (a plain Scene is made a MovingCameraScene next run)."""
    tree = parse(source)
    if _MODULE_CAMERA not in message or tree is None or line is None:
        return None
    cls = scene_class(tree, None, line)
    if cls is None or "camera" in pyparse.bound_names(list(pyparse.walk(tree))):
        return None
    spots = [n for f in cls.body if isinstance(f, ast.FunctionDef) and f.args.args
             and f.args.args[0].arg == "self"
             for n in pyparse.walk(f) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
             and n.value.id == "camera" and isinstance(n.ctx, ast.Load)]
    if not spots:
        return None
    text = replace_names(source, [(n.lineno, n.col_offset, "camera", "self.camera") for n in spots])
    return Cure("scene camera", text, [Fix(spots[0].lineno, "renamed_api",
                                           "camera.X -> self.camera.X (the bare name is manim's "
                                           "camera module, not the scene's camera)")])

