"""ManimGL's camera frame in Manim Community terms.

Every GL scene has ``self.frame``, a mobject that can be moved, zoomed and turned in 3-D. CE
splits that in two: a ``MovingCameraScene`` has ``self.camera.frame`` (a ScreenRectangle: move,
scale, animate), a ``ThreeDScene`` has the camera's angles (``set_camera_orientation``,
``move_camera``, the phi/theta/gamma ValueTrackers, ambient rotation).

Angles: GL orients the frame with zxz Euler angles (theta, phi, gamma), the view rotating points
by Rz(-theta), Rx(-phi), Rz(-gamma); CE's ThreeDCamera rotates them by Rz(-theta - 90 deg),
Rx(-phi), Rz(gamma). So CE theta = GL theta - 90 degrees, phi is the same, CE gamma = -GL gamma.
GL's ``reorient`` takes degrees, ``set_euler_angles`` radians.
"""

from __future__ import annotations

import ast

from .. import pyparse

# Frame methods that turn the camera (they make a scene a ThreeDScene).
ORIENT = frozenset({"reorient", "set_euler_angles", "set_theta", "set_phi", "set_gamma",
                    "increment_theta", "increment_phi", "increment_gamma", "add_ambient_rotation"})
SETTERS = frozenset({"reorient", "set_euler_angles", "set_theta", "set_phi", "set_gamma"})
TRACKERS = {"increment_theta": ("theta_tracker", 1), "increment_phi": ("phi_tracker", 1),
            "increment_gamma": ("gamma_tracker", -1)}
GL_THREE_D_DEFAULT = (-30.0, 70.0)  # GL's ThreeDScene.default_frame_orientation (theta, phi), degrees
_PARAMS = {
    "reorient": ("theta_degrees", "phi_degrees", "gamma_degrees", "center", "height"),
    "set_euler_angles": ("theta", "phi", "gamma", "units"),
    "set_theta": ("theta",), "set_phi": ("phi",), "set_gamma": ("gamma",),
}


def is_frame(node: ast.AST, aliases: frozenset[str] = frozenset()) -> bool:
    """``self.frame``, ``self.camera.frame`` or a local name bound to one of them."""
    if isinstance(node, ast.Name):
        return node.id in aliases
    if not (isinstance(node, ast.Attribute) and node.attr == "frame"):
        return False
    v = node.value
    return (isinstance(v, ast.Name) and v.id == "self") or (
        isinstance(v, ast.Attribute) and v.attr == "camera"
        and isinstance(v.value, ast.Name) and v.value.id == "self")


def frame_method(call: ast.AST, aliases: frozenset[str]) -> tuple[str, bool] | None:
    """(method, animated) for ``FRAME.m(...)`` or ``FRAME.animate.m(...)``."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
        return None
    recv = call.func.value
    if is_frame(recv, aliases):
        return call.func.attr, False
    if isinstance(recv, ast.Attribute) and recv.attr == "animate" and is_frame(recv.value, aliases):
        return call.func.attr, True
    return None


def uses_orientation(tree: ast.AST, aliases: frozenset[str]) -> bool:
    for node in pyparse.walk(tree):
        found = frame_method(node, aliases)
        if found and found[0] in ORIENT:
            return True
        if found and found[0] == "add_updater" and ambient_rate(node) is not None:  # type: ignore[arg-type]
            return True
    return False


def _num(node: ast.AST) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(
            node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _num(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    return None


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else repr(x)


def expr(text: str) -> ast.expr:
    return pyparse.parse(text, mode="eval").body


def degrees(value: ast.AST, offset: float = 0.0, sign: int = 1) -> ast.expr:
    """sign * (value + offset) degrees, as CE code in radians (constants folded)."""
    v = _num(value)
    if v is not None:
        return expr(f"{_fmt(sign * (v + offset))} * DEGREES")
    src = ast.unparse(value)
    if offset:
        src = f"{src} {'+' if offset > 0 else '-'} {_fmt(abs(offset))}"
    return expr(f"{'-' if sign < 0 else ''}({src}) * DEGREES")


def orientation_kwargs(method: str, call: ast.Call) -> list[ast.keyword] | None:
    """GL's frame setter call as keywords of set_camera_orientation / move_camera."""
    names = _PARAMS.get(method)
    if names is None or len(call.args) > len(names) or any(
            isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    given = dict(zip(names, call.args, strict=False))
    for k in call.keywords:
        if k.arg not in names or k.arg in given:
            return None
        given[k.arg] = k.value
    given = {k: v for k, v in given.items() if not (isinstance(v, ast.Constant) and v.value is None)}
    out: list[ast.keyword] = []
    if method == "reorient":
        if "theta_degrees" in given:
            out.append(ast.keyword("theta", degrees(given["theta_degrees"], -90)))
        if "phi_degrees" in given:
            out.append(ast.keyword("phi", degrees(given["phi_degrees"])))
        if "gamma_degrees" in given:
            out.append(ast.keyword("gamma", degrees(given["gamma_degrees"], sign=-1)))
        if "center" in given:
            out.append(ast.keyword("frame_center", given["center"]))
        if "height" in given:  # GL zooms by showing a frame this tall; CE by a zoom factor
            out.append(ast.keyword("zoom", expr(f"config.frame_height / ({ast.unparse(given['height'])})")))
        return out
    units = given.pop("units", None)

    def radians(v: ast.AST) -> str:
        return ast.unparse(v) if units is None else f"({ast.unparse(v)}) * ({ast.unparse(units)})"

    for key in ("theta", "phi", "gamma"):
        if key in given:
            text = radians(given[key])
            if key == "theta":
                text = f"{text} - PI / 2"
            elif key == "gamma":
                text = f"-({text})"
            out.append(ast.keyword(key, expr(text)))
    return out


def ambient_rate(call: ast.Call) -> tuple[ast.expr, str] | None:
    """``FRAME.add_updater(lambda m, dt: m.increment_theta(R * dt))`` -> (R, "theta")."""
    if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Lambda):
        return None
    lam = call.args[0]
    params = [a.arg for a in lam.args.args]
    body = lam.body
    if len(params) != 2 or not (isinstance(body, ast.Call) and isinstance(body.func, ast.Attribute)
                                and isinstance(body.func.value, ast.Name)
                                and body.func.value.id == params[0]
                                and body.func.attr in ("increment_theta", "increment_phi")
                                and len(body.args) == 1 and not body.keywords):
        return None
    about = body.func.attr.removeprefix("increment_")
    dt, arg = params[1], body.args[0]
    if isinstance(arg, ast.Name) and arg.id == dt:
        return ast.Constant(1), about
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mult):
        for this, other in ((arg.left, arg.right), (arg.right, arg.left)):
            if isinstance(this, ast.Name) and this.id == dt and not any(
                    isinstance(n, ast.Name) and n.id == dt for n in pyparse.walk(other)):
                return other, about
    return None


def self_call(method: str, args: list[ast.expr] | None = None,
               keywords: list[ast.keyword] | None = None) -> ast.Call:
    return ast.Call(func=ast.Attribute(value=ast.Name("self", ast.Load()), attr=method, ctx=ast.Load()),
                    args=args or [], keywords=keywords or [])


FIXED_IN_FRAME = {"fix_in_frame": "add_fixed_in_frame_mobjects",
                  "unfix_from_frame": "remove_fixed_in_frame_mobjects"}


def fixed_in_frame(call: ast.Call, three_d: bool) -> tuple[ast.expr | None, str] | None:
    """ManimGL's ``mob.fix_in_frame()`` (and ``unfix_from_frame()``), the one rule the port and
    the runtime cure share. In a scene whose camera turns in 3-D it is the camera's own
    registration, ``self.camera.add_fixed_in_frame_mobjects(mob)`` (the scene's method of that
    name would also add ``mob`` to the scene at once, so it would show before its time). In a
    scene whose camera never moves there is nothing to keep still: (None, why), the call goes.
    None when ``call`` is not one of them."""
    f = call.func
    if not (isinstance(f, ast.Attribute) and f.attr in FIXED_IN_FRAME and not call.args
            and not call.keywords):
        return None
    if not three_d:
        return None, f"mob.{f.attr}() removed (the camera of this scene never moves)"
    method = FIXED_IN_FRAME[f.attr]
    return (ast.Call(func=expr(f"self.camera.{method}"), args=[f.value], keywords=[]),
            f"mob.{f.attr}() -> self.camera.{method}(mob)")


def tracker(name: str) -> ast.expr:
    return expr(f"self.camera.{name}")


def port_frame_call(call: ast.Call, aliases: frozenset[str]) -> tuple[ast.expr, str] | None:
    """A frame call on its own (a statement) in a ThreeDScene: the CE call, and what was done."""
    found = frame_method(call, aliases)
    if found is None or found[1]:
        return None
    method = found[0]
    if method in SETTERS:
        kws = orientation_kwargs(method, call)
        if kws:
            return self_call("set_camera_orientation", keywords=kws), \
                f"frame.{method}(...) -> self.set_camera_orientation(...)"
    elif method in TRACKERS and len(call.args) == 1 and not call.keywords:
        name, sign = TRACKERS[method]
        value = call.args[0] if sign > 0 else expr(f"-({ast.unparse(call.args[0])})")
        new = ast.Call(func=ast.Attribute(value=tracker(name), attr="increment_value", ctx=ast.Load()),
                       args=[value], keywords=[])
        return new, f"frame.{method}(d) -> self.camera.{name}.increment_value(d)"
    elif method == "add_ambient_rotation" and len(call.args) + len(call.keywords) <= 1:
        rate = call.args[0] if call.args else (call.keywords[0].value if call.keywords else
                                               expr("DEGREES"))
        return self_call("begin_ambient_camera_rotation", keywords=[ast.keyword("rate", rate)]), \
            "frame.add_ambient_rotation(s) -> self.begin_ambient_camera_rotation(rate=s)"
    elif method == "add_updater":
        found_rate = ambient_rate(call)
        if found_rate:
            rate, about = found_rate
            kws = [ast.keyword("rate", rate)] + ([ast.keyword("about", ast.Constant(about))]
                                                 if about != "theta" else [])
            return self_call("begin_ambient_camera_rotation", keywords=kws), \
                "frame updater turning the camera -> self.begin_ambient_camera_rotation(...)"
    elif method == "clear_updaters" and not call.args and not call.keywords:
        return self_call("stop_ambient_camera_rotation"), \
            "frame.clear_updaters() -> self.stop_ambient_camera_rotation()"
    return None


def port_frame_animation(call: ast.Call, aliases: frozenset[str]) -> tuple[ast.expr, str] | None:
    """``FRAME.animate.increment_theta(d)`` (anywhere) -> the theta tracker's animation."""
    found = frame_method(call, aliases)
    if found is None or not found[1] or found[0] not in TRACKERS:
        return None
    if len(call.args) != 1 or call.keywords:
        return None
    name, sign = TRACKERS[found[0]]
    value = call.args[0] if sign > 0 else expr(f"-({ast.unparse(call.args[0])})")
    new = ast.Call(func=expr(f"self.camera.{name}.animate.increment_value"), args=[value], keywords=[])
    return new, f"frame.animate.{found[0]}(d) -> self.camera.{name}.animate.increment_value(d)"


def port_play(call: ast.Call, aliases: frozenset[str]) -> tuple[ast.expr, str] | None:
    """``self.play(FRAME.animate.reorient(...), *others, **kw)`` -> ``self.move_camera(...,
    added_anims=[*others], **kw)``: CE turns the camera in its own play call."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == "play"
            and isinstance(call.func.value, ast.Name) and call.func.value.id == "self"):
        return None
    setters = [i for i, a in enumerate(call.args)
               if (found := frame_method(a, aliases)) and found[1] and found[0] in SETTERS]
    if len(setters) != 1 or any(k.arg in (None, "added_anims") for k in call.keywords):
        return None
    anim = call.args[setters[0]]
    kws = orientation_kwargs(frame_method(anim, aliases)[0], anim)  # type: ignore[index, arg-type]
    if not kws:
        return None
    others = [a for i, a in enumerate(call.args) if i != setters[0]]
    if others:
        kws.append(ast.keyword("added_anims", ast.List(elts=others, ctx=ast.Load())))
    return self_call("move_camera", keywords=kws + list(call.keywords)), \
        "self.play(frame.animate.reorient(...)) -> self.move_camera(...)"


def default_orientation(theta: float, phi: float) -> ast.stmt:
    call = self_call("set_camera_orientation", keywords=[
        ast.keyword("phi", degrees(ast.Constant(phi))),
        ast.keyword("theta", degrees(ast.Constant(theta), -90))])
    return ast.Expr(call)
