"""A Community ``ThreeDScene`` driven with ManimGL's camera-frame API: ``self.camera.frame``,
``self.camera.animate``, ``self.camera.set_euler_angles(...)``, ``mob.fix_in_frame()``.

Models write a CE ``ThreeDScene`` and then move its camera the GL way. CE's ThreeDCamera has no
frame mobject: the scene moves it with ``set_camera_orientation`` (at once) and ``move_camera``
(animated, other animations riding along as ``added_anims``). The cure rewrites every such
statement of the failing scene class at once:

- ``self.play(CAM.animate.move_to(p).set_width(w), *others, **kw)`` ->
  ``self.move_camera(frame_center=p, zoom=config.frame_width / w, added_anims=[*others], **kw)``;
  several camera chains in one play() are applied in order, as one chain;
- ``CAM.move_to(p)`` / ``self.camera.set_euler_angles(...)`` -> ``self.set_camera_orientation(...)``;
- ``mob.fix_in_frame()`` -> ``self.camera.add_fixed_in_frame_mobjects(mob)``.

A chain with a method the camera has no equivalent for is left alone (the cure does not apply).
GL's angle conventions are converted as the GL port does (gl_frame.orientation_kwargs)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..gl_frame import expr, fixed_in_frame, orientation_kwargs, self_call
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, parse, replace_statements
from .issues import manim_base
from .points import bound_values, pointlike
from .scene_base import scene_class

_MISSING = re.compile(r"'ThreeDCamera' object has no attribute '(\w+)'|has no attribute '(?:fix_in_frame|unfix_from_frame)'")
_CE_ORIENTATION = frozenset({"phi", "theta", "gamma", "zoom", "frame_center", "focal_distance"})
_ANGLES = {"set_phi": "phi", "set_theta": "theta", "set_gamma": "gamma"}
_STEPS = {"increment_phi": "phi", "increment_theta": "theta", "increment_gamma": "gamma"}
# frame.set_z(h): one coordinate of the frame's centre, the others kept (mask, unit vector)
_COORDS = {"set_x": ("[0, 1, 1]", "RIGHT"), "set_y": ("[1, 0, 1]", "UP"), "set_z": ("[1, 1, 0]", "OUT")}


def _is_camera(node: ast.AST) -> bool:
    """``self.camera`` or ``self.camera.frame``."""
    if isinstance(node, ast.Attribute) and node.attr == "frame":
        node = node.value
    return (isinstance(node, ast.Attribute) and node.attr == "camera"
            and isinstance(node.value, ast.Name) and node.value.id == "self")


def _chain(expr: ast.AST) -> tuple[bool, list[ast.Call]] | None:
    """``CAM[.animate].m1(..).m2(..)`` as (animated, [calls in order]); None for anything else."""
    calls: list[ast.Call] = []
    node = expr
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        calls.append(node)
        node = node.func.value
    if not calls:
        return None
    animated = isinstance(node, ast.Attribute) and node.attr == "animate"
    if animated:
        node = node.value  # type: ignore[union-attr]
    if not _is_camera(node):
        return None
    return animated, calls[::-1]


def _plain(call: ast.Call, n: int) -> bool:
    return len(call.args) == n and not call.keywords and not any(
        isinstance(a, ast.Starred) for a in call.args)


def camera_keywords(calls: list[ast.Call], values: dict[str, list[ast.AST]]) -> list[ast.keyword] | None:
    """The chain's effect as keywords of set_camera_orientation / move_camera."""
    kws: dict[str, ast.expr] = {}
    for call in calls:
        m = call.func.attr  # type: ignore[union-attr]
        if m == "move_to" and _plain(call, 1):
            kws["frame_center"] = call.args[0]
        elif m == "shift" and call.args and not call.keywords:
            start = kws.get("frame_center", expr("self.camera.frame_center"))
            if not pointlike(start, values):
                return None  # move_to(mobject).shift(v): a mobject plus a vector is no point
            for a in call.args:
                start = ast.BinOp(start, ast.Add(), a)
            kws["frame_center"] = start
        elif m in _COORDS and _plain(call, 1):
            start = kws.get("frame_center", expr("self.camera.frame_center"))
            if not pointlike(start, values):
                return None
            keep, unit = _COORDS[m]
            kws["frame_center"] = ast.BinOp(ast.BinOp(start, ast.Mult(), expr(keep)), ast.Add(),
                                            ast.BinOp(call.args[0], ast.Mult(), expr(unit)))
        elif m == "scale" and _plain(call, 1):
            # a frame scaled by s shows s times as much: the zoom divides by s
            kws["zoom"] = ast.BinOp(kws.get("zoom", expr("self.camera.get_zoom()")), ast.Div(), call.args[0])
        elif m in ("set_width", "set_height") and _plain(call, 1):
            side = "frame_width" if m == "set_width" else "frame_height"
            kws["zoom"] = ast.BinOp(expr(f"config.{side}"), ast.Div(), call.args[0])
        elif m == "set_zoom" and _plain(call, 1):
            kws["zoom"] = call.args[0]
        elif m == "set_focal_distance" and _plain(call, 1):
            kws["focal_distance"] = call.args[0]
        elif m in _ANGLES and _plain(call, 1):
            kws[_ANGLES[m]] = call.args[0]
        elif m in _STEPS and _plain(call, 1):
            angle = _STEPS[m]
            kws[angle] = ast.BinOp(kws.get(angle, expr(f"self.camera.get_{angle}()")), ast.Add(), call.args[0])
        elif m == "reorient" and not call.args and call.keywords and all(
                k.arg in _CE_ORIENTATION for k in call.keywords):
            # reorient(phi=, theta=): named as set_camera_orientation names them, so meant as CE's
            kws.update({k.arg: k.value for k in call.keywords if k.arg})
        elif m in ("set_euler_angles", "reorient"):
            found = orientation_kwargs(m, call)
            if found is None:
                return None
            kws.update({k.arg: k.value for k in found if k.arg})
        else:
            return None
    return [ast.keyword(k, v) for k, v in kws.items()] or None


def _port(stmt: ast.stmt, three_d: bool, values: dict[str, list[ast.AST]],
          restored: bool = True) -> tuple[ast.stmt, str] | None:
    """The statement in CE terms, with what was done; None to keep it. ``restored``: the scene
    restores a saved camera state somewhere (``Restore(self.camera.frame)``)."""
    if not isinstance(stmt, ast.Expr) or not isinstance(stmt.value, ast.Call):
        return None
    call = stmt.value
    f = call.func
    if (isinstance(f, ast.Attribute) and not _is_camera(f.value)
            and (ported := fixed_in_frame(call, three_d)) is not None):
        return (ast.Expr(ported[0]) if ported[0] is not None else ast.Pass()), ported[1]
    if not three_d:
        return None
    chain = _chain(call)
    if chain is not None and not chain[0] and [c.func.attr for c in chain[1]] == ["save_state"] \
            and not restored and _plain(chain[1][0], 0):  # type: ignore[union-attr]
        return ast.Pass(), "the camera frame's save_state() removed: nothing restores it"
    if chain is not None and not chain[0]:
        kws = camera_keywords(chain[1], values)
        if kws is None:
            return None
        return ast.Expr(self_call("set_camera_orientation", keywords=kws)), \
            "camera frame set directly -> self.set_camera_orientation(...)"
    if isinstance(f, ast.Attribute) and f.attr == "play" and isinstance(f.value, ast.Name) \
            and f.value.id == "self":
        # Every camera chain played (``CAM.animate.m(..)``, or ``CAM.set_z(2)`` put in play()
        # to be animated) is one move: the chains in order are one chain.
        moves = {i: c for i, a in enumerate(call.args) if (c := _chain(a)) is not None}
        if not moves or any(isinstance(a, ast.Starred) for a in call.args[:min(moves)]):
            return None
        kws = camera_keywords([c for i in sorted(moves) for c in moves[i][1]], values)
        if kws is None:
            return None
        others = [a for i, a in enumerate(call.args) if i not in moves]
        if others:
            kws.append(ast.keyword("added_anims", ast.List(others, ast.Load())))
        return ast.Expr(self_call("move_camera", keywords=kws + list(call.keywords))), \
            "self.play(camera frame animation) -> self.move_camera(...)"
    return None


def _restores(node: ast.AST) -> bool:
    """``Restore(CAM)`` or ``CAM.restore()``: a saved camera state is used."""
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Name) and node.func.id == "Restore":
        return any(_is_camera(a) for a in node.args)
    return isinstance(node.func, ast.Attribute) and node.func.attr == "restore" and _is_camera(node.func.value)


def _is_three_d(tree: ast.Module, cls: ast.ClassDef, ns: Namespace) -> bool:
    key, three_d = manim_base(tree, cls.name, ns), ns.class_key("ThreeDScene")
    return key is not None and three_d is not None and three_d in ns.classes[key]["mro"]


def camera3d_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    if line is None or not _MISSING.search(message):
        return None
    tree = parse(source)
    cls = scene_class(tree, None, line) if tree is not None else None
    if cls is None:
        return None
    three_d = _is_three_d(tree, cls, ns)  # type: ignore[arg-type]
    values = bound_values(cls)
    restored = any(_restores(n) for n in pyparse.walk(cls))
    edits: list[tuple[ast.stmt, ast.AST]] = []
    fixes: list[Fix] = []
    for node in pyparse.walk(cls):
        if isinstance(node, ast.stmt):
            ported = _port(pyparse.clone(node), three_d, values, restored)
            if ported is not None:
                edits.append((node, ported[0]))
                fixes.append(Fix(node.lineno, "camera_3d", ported[1]))
    if not edits:
        return None
    return Cure("ThreeDScene camera", replace_statements(source, edits), fixes)
