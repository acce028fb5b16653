"""The GL port's statement rewriter: names, calls, methods, keyword arguments and the camera
frame, each applied only when the namespace index confirms the CE side (see gl_port.py)."""

from __future__ import annotations

import ast
import builtins
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import pyparse
from . import gl_frame
from .fixes import Fix
from .gl_map import Entry

if TYPE_CHECKING:
    from .gl_context import Context, SceneInfo

_BUILTINS = frozenset(dir(builtins))
_THREE_D_SCENE = ("set_camera_orientation", "move_camera", "begin_ambient_camera_rotation",
                  "stop_ambient_camera_rotation")
_THREE_D_CAMERA = ("phi_tracker", "theta_tracker", "gamma_tracker", "add_fixed_in_frame_mobjects")


def _expr(text: str) -> ast.expr:
    return pyparse.parse(text, mode="eval").body


def _simple(node: ast.AST) -> bool:
    """A name, an attribute chain of names or a number: safe to write twice (a call written
    twice would build two objects: Create(one) and FadeOut(another))."""
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, (ast.Name, ast.Constant))


class Rewriter(ast.NodeTransformer):
    def __init__(self, ctx: Context, scene: SceneInfo | None) -> None:
        self.ctx, self.scene = ctx, scene
        self.ns, self.gl = ctx.ns, ctx.gl
        self.fixes: list[Fix] = []
        self.line = 0
        own = scene is None or scene.owns_frame
        self.aliases = frozenset() if own else scene.aliases  # type: ignore[union-attr]
        self.mode = None if own or not ctx.is_gl else scene.mode  # type: ignore[union-attr]
        self.parents: dict[int, ast.AST] = {}
        # method -> the class a run found its receiver to be (an updater's ``mob``, a loop's
        # variable): what the file's text cannot tell
        self.seen_at_run: dict[str, str] = {}

    def fix(self, what: str, category: str = "renamed_api") -> None:
        self.fixes.append(Fix(self.line, category, what))

    # --- statements -----------------------------------------------------------------------------
    def statement(self, stmt: ast.stmt) -> list[ast.stmt] | None:
        """The statement's replacement (an empty list deletes it), or None to keep it."""
        self.line = stmt.lineno
        self.parents.update(pyparse.parents(stmt))
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            if self._drops(call):
                return []
            if self.mode == "3d" and self._three_d_ok():
                for port in (gl_frame.port_frame_call, gl_frame.port_play):
                    found = port(call, self.aliases)
                    if found:
                        self.fix(found[1], "gl_port")
                        stmt.value = found[0]
                        break
                else:
                    fixed = self._fixed_in_frame(call)
                    if fixed is not None:
                        stmt.value = fixed
        new = self.visit(stmt)
        return [new] if self.fixes else None

    def header(self, expr: ast.expr) -> ast.expr | None:
        """A block header's expression (``for line in plane.get_lines():``) ported, or None to
        keep it: the same rewrites as in a statement, none of the statement-level ones."""
        self.line = expr.lineno
        self.parents.update(pyparse.parents(expr))
        new = self.visit(expr)
        return new if self.fixes and isinstance(new, ast.expr) else None

    def _drops(self, call: ast.Call) -> bool:
        """Statements that do nothing worth keeping in CE: ``self.embed()``, lighting and depth
        settings, fix_in_frame in a scene whose camera never moves."""
        f = call.func
        if not isinstance(f, ast.Attribute) or f.attr in self.ctx.defined:
            return False
        recv = f.value
        if isinstance(recv, ast.Name) and recv.id == "self" and self.scene is not None:
            entry = self.gl.scene_attr(f.attr)
            if entry and entry.decision == "drop" and self._allowed(
                    entry, self.ns.has_attr(self.ctx.ce_key("Scene") or "", f.attr)):
                self.fix(f"removed self.{f.attr}(...): {entry.reason}", "gl_port")
                return True
            return False
        owner = self.ctx.gl_type(recv, self.scene)
        if owner is None and isinstance(recv, ast.Name) and recv.id == "self":
            return False
        entry = self.gl.method(f.attr, owner if owner in self.gl.classes else None)
        if entry is None:
            return False
        if entry.rule == "fix_in_frame" and self.ctx.is_gl and self.mode is None and (
                ported := gl_frame.fixed_in_frame(call, three_d=False)):
            self.fix(ported[1], "gl_port")
            return True
        if entry.decision == "drop" and self._allowed(entry, self.ctx.exists_in_ce(
                self.ctx.ce_key(owner), f.attr)):
            self.fix(f"removed .{f.attr}(...): {entry.reason}", "gl_port")
            return True
        return False

    def _three_d_ok(self) -> bool:
        scene, camera = self.ns.class_key("ThreeDScene"), self.ns.class_key("ThreeDCamera")
        return bool(scene and camera) and all(self.ns.has_attr(scene, m) for m in _THREE_D_SCENE) \
            and all(self.ns.has_attr(camera, a) for a in _THREE_D_CAMERA)  # type: ignore[arg-type]

    def _fixed_in_frame(self, call: ast.Call) -> ast.expr | None:
        """``mob.fix_in_frame()`` in a 3-D scene (gl_frame.fixed_in_frame says how)."""
        f = call.func
        ported = gl_frame.fixed_in_frame(call, three_d=True)
        if ported is None or ported[0] is None or not isinstance(f, ast.Attribute) or f.attr in self.ctx.defined:
            return None
        self.fix(ported[1], "gl_port")
        return ported[0]

    # --- names ----------------------------------------------------------------------------------
    def _allowed(self, entry: Entry, exists_in_ce: bool) -> bool:
        """GL-only rewrites need a GL file; so does changing anything CE already has."""
        return self.ctx.is_gl or not (entry.gl_only or exists_in_ce)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if not isinstance(node.ctx, ast.Load) or node.id in self.ctx.local:
            return node
        entry = self.gl.name(node.id)
        if entry is None or entry.template or entry.decision not in ("renamed", "moved") or not entry.ce:
            return node
        if not self._allowed(entry, node.id in self.ns.manim_names) or not self._expr_ok(entry.ce):
            return node
        self.fix(f"{node.id} -> {entry.ce}")
        return ast.copy_location(_expr(entry.ce), node)

    def _expr_ok(self, text: str) -> bool:
        """A CE name or expression whose names exist (``config.frame_width``, ``np.cross``)."""
        try:
            tree = _expr(text)
        except SyntaxError:
            return False
        return all(n.id in self.ns.manim_names or n.id in _BUILTINS
                   for n in pyparse.walk(tree) if isinstance(n, ast.Name))

    # --- attributes -----------------------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if (self.mode == "moving" and isinstance(node.ctx, ast.Load) and node.attr == "frame"
                and isinstance(node.value, ast.Name) and node.value.id == "self"
                and self._frame_use_ok(node)):
            self.fix("self.frame -> self.camera.frame (MovingCameraScene)", "gl_port")
            return ast.copy_location(_expr("self.camera.frame"), node)
        if (isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name) and node.value.id == "self"
                and self.scene is not None and node.attr not in self.ctx.defined):
            entry = self.gl.scene_attr(node.attr)
            scene_key = self.ctx.ce_key("Scene") or ""
            if (entry is not None and entry.decision == "moved" and entry.ce and entry.rule is None
                    and self._expr_ok(entry.ce)
                    and self._allowed(entry, self.ns.has_attr(scene_key, node.attr))):
                self.fix(f"self.{node.attr} -> {entry.ce} ({entry.reason})", "gl_port")
                return ast.copy_location(_expr(entry.ce), node)
        return self.generic_visit(node)

    def _frame_use_ok(self, node: ast.AST) -> bool:
        """In a MovingCameraScene the frame is a ScreenRectangle: port ``self.frame.m`` only
        when the rectangle has ``m`` (else the gate reports the GL-only method)."""
        key = self.ns.class_key("ScreenRectangle")
        parent = self.parents.get(id(node))
        if key is None:
            return False
        if isinstance(parent, ast.Attribute) and parent.value is node:
            attr = parent.attr
            if attr == "animate":
                grand = self.parents.get(id(parent))
                if isinstance(grand, ast.Attribute) and grand.value is parent:
                    attr = grand.attr
                else:
                    return True
            return self.ctx.exists_in_ce(key, attr)
        return True

    # --- calls ----------------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> ast.AST:
        if self.mode == "3d" and self._three_d_ok():
            found = gl_frame.port_frame_animation(node, self.aliases)
            if found:
                self.fix(found[1], "gl_port")
                new = found[0]
                new.args = [self.visit(a) for a in new.args]
                return new
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Attribute) and f.value.attr == "f_always":
            ported = self._f_always(node)
            if ported is not None:
                return ported
        owner = self.ctx.gl_type(f.value, self.scene) if isinstance(f, ast.Attribute) else None
        if owner is None and isinstance(f, ast.Attribute):
            owner = self.seen_at_run.get(f.attr)
        node.args = [self.visit(a) for a in node.args]
        for k in node.keywords:
            k.value = self.visit(k.value)
        if isinstance(f, ast.Name):
            return self._call_name(node)
        if isinstance(f, ast.Attribute):
            f.value = self.visit(f.value)
            return self._call_method(node, owner)
        node.func = self.visit(f)
        return node

    def _call_name(self, node: ast.Call) -> ast.AST:
        name = node.func.id  # type: ignore[attr-defined]
        if name in self.ctx.local:
            return node
        entry = self.gl.name(name)
        if entry is None:
            return node
        if entry.rule == "wrap_lambda":
            return self._wrap_lambda(node)
        if not self._allowed(entry, name in self.ns.manim_names):
            return node
        if entry.template and entry.decision in ("renamed", "moved"):
            new = self._fill(entry, node)
            if new is None or not self._template_ok(entry.template, None):
                return node
            self.fix(f"{name}(...) -> {_shown(entry.template)}")
            return ast.copy_location(new, node)
        target = name
        if entry.decision == "renamed" and entry.ce:
            target = entry.ce
        elif entry.decision == "moved" and entry.ce:
            if not self._expr_ok(entry.ce):
                return node
            self.fix(f"{name}(...) -> {entry.ce}(...)")
            node.func = ast.copy_location(_expr(entry.ce), node.func)
            return node
        elif entry.decision != "same":
            return node
        key = self.ns.class_key(target)
        if key is None:
            if target != name and self.ns.function(target) is not None:
                self.fix(f"{name} -> {target}")
                node.func = ast.copy_location(ast.Name(target, ast.Load()), node.func)
            return node
        return self._class_call(node, name, target, key, entry)

    def _class_call(self, node: ast.Call, gl_name: str, target: str, key: str, entry: Entry) -> ast.AST:
        """A constructor call: keyword arguments the CE class rejects (renamed, dropped, or set
        afterwards), GL's positional layout, added defaults; all or nothing."""
        accepted, open_ = self.ns.init_params(key)
        fixes: list[tuple[str, str]] = []
        keywords: list[ast.keyword] = []
        after: list[tuple[str, ast.keyword]] = []
        for k in node.keywords:
            if k.arg is None or k.arg in accepted:
                keywords.append(k)
                continue
            e = self.gl.kwarg(gl_name, k.arg)
            if e is None:
                if not open_:
                    return node  # a keyword nobody knows: not ours to decide
                keywords.append(k)
            elif e.decision == "renamed" and e.ce and (e.ce in accepted or open_):
                fixes.append((f"{target}({k.arg}=) -> {e.ce}=", "renamed_api"))
                keywords.append(ast.keyword(e.ce, k.value))
            elif e.decision == "moved" and e.ce and (m := re.fullmatch(r"\.(\w+)\((.*)\)", e.ce)) \
                    and self.ns.has_attr(key, m.group(1)):
                fixes.append((f"{target}({k.arg}=v) -> {target}(...){e.ce.format('v')}", "renamed_api"))
                after.append((e.ce, k))
            elif e.decision == "drop":
                fixes.append((f"removed {k.arg}= from {target}() ({e.reason})", "dropped_kwarg"))
            else:
                return node
        for k in keywords:
            part = self.gl.dict_kwarg_class(gl_name, k.arg) if k.arg else None
            if part:
                k.value = self._dict_kwargs(k.value, part, fixes)
        args = list(node.args)
        info = self.gl.class_info(gl_name)
        if self.ctx.is_gl and info is not None and info.ce == target:
            names = _positional(info, args, {k.arg for k in keywords}, accepted)
            if names:
                start = len(args) - len(names)
                keywords += [ast.keyword(n, a) for n, a in zip(names, args[start:], strict=True)]
                args = args[:start]
                fixes.append((f"{gl_name}: GL's positional {', '.join(names)} -> keywords", "renamed_api"))
        given = {k.arg for k in keywords}
        for kw, src in entry.defaults.items():
            if kw not in given and (kw in accepted or open_):
                keywords.append(ast.keyword(kw, _expr(src)))
        names = [k.arg for k in keywords if k.arg]
        if len(set(names)) != len(names):
            return node
        if target != gl_name:
            fixes.insert(0, (f"{gl_name} -> {target}", "renamed_api"))
        if not fixes and not entry.defaults:
            return node
        for what, category in fixes:
            self.fix(what, category)
        new: ast.expr = ast.Call(func=ast.copy_location(ast.Name(target, ast.Load()), node.func),
                                 args=args, keywords=keywords)
        for template, k in after:
            m = re.fullmatch(r"\.(\w+)\((\w+)=\{\}\)", template)
            if m:
                new = ast.Call(func=ast.Attribute(value=new, attr=m.group(1), ctx=ast.Load()), args=[],
                               keywords=[ast.keyword(m.group(2), k.value)])
        return ast.copy_location(new, node)

    def _dict_kwargs(self, value: ast.expr, gl_class: str, fixes: list[tuple[str, str]]) -> ast.expr:
        """``axis_config={...}``: its keys are keyword arguments of another class (NumberLine)."""
        key = self.ctx.ce_key(gl_class)
        if key is None:
            return value
        accepted, open_ = self.ns.init_params(key)
        if isinstance(value, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str)
                                               for k in value.keys):
            pairs = [(k.value, v) for k, v in zip(value.keys, value.values, strict=True)]  # type: ignore[union-attr]
        elif (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict"
              and not value.args and all(k.arg for k in value.keywords)):
            pairs = [(k.arg, k.value) for k in value.keywords]  # type: ignore[misc]
        else:
            return value
        out = []
        for name, v in pairs:
            e = None if name in accepted or open_ else self.gl.kwarg(gl_class, name)
            if e is not None and e.decision == "renamed" and e.ce in accepted:
                fixes.append((f"{gl_class} config key '{name}' -> '{e.ce}'", "renamed_api"))
                name = e.ce
            elif e is not None and e.decision == "drop":
                fixes.append((f"removed '{name}' from a {gl_class} config ({e.reason})", "dropped_kwarg"))
                continue
            out.append((name, v))
        if isinstance(value, ast.Dict):
            return ast.Dict(keys=[ast.Constant(n) for n, _ in out], values=[v for _, v in out])
        return ast.Call(func=value.func, args=[], keywords=[ast.keyword(n, v) for n, v in out])

    def _wrap_lambda(self, node: ast.Call) -> ast.AST:
        """GL's ``always_redraw(func, *args, **kw)`` -> ``always_redraw(lambda: func(*args, **kw))``."""
        fn = self.ns.function("always_redraw")
        if fn is None or len(fn.params) != 1 or fn.open or not node.args:
            return node
        if len(node.args) == 1 and not node.keywords:
            return node
        inner = ast.Call(func=node.args[0], args=node.args[1:], keywords=node.keywords)
        lam = ast.Lambda(args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[],
                                            defaults=[]), body=inner)
        self.fix("always_redraw(f, *args) -> always_redraw(lambda: f(*args))")
        return ast.Call(func=node.func, args=[lam], keywords=[])

    def _f_always(self, node: ast.Call) -> ast.AST | None:
        """GL's ``mob.f_always.set_value(func)`` -> CE's ``f_always(mob.set_value, func)``."""
        f = node.func
        mob = f.value.value  # type: ignore[attr-defined]
        if self.ns.function("f_always") is None or "f_always" in self.ctx.local:
            return None
        key = self.ctx.ce_key(self.ctx.gl_type(mob, self.scene))
        if key is not None and (self.ns.has_attr(key, "f_always") or not self.ctx.exists_in_ce(key, f.attr)):  # type: ignore[attr-defined]
            return None
        self.fix(f"mob.f_always.{f.attr}(...) -> f_always(mob.{f.attr}, ...)")  # type: ignore[attr-defined]
        method = ast.Attribute(value=self.visit(mob), attr=f.attr, ctx=ast.Load())  # type: ignore[attr-defined]
        return ast.Call(func=ast.Name("f_always", ast.Load()),
                        args=[method, *(self.visit(a) for a in node.args)],
                        keywords=[ast.keyword(k.arg, self.visit(k.value)) for k in node.keywords])

    # --- methods --------------------------------------------------------------------------------
    def _call_method(self, node: ast.Call, owner: str | None) -> ast.AST:
        f: ast.Attribute = node.func  # type: ignore[assignment]
        m, recv = f.attr, f.value
        key = self.ctx.ce_key(owner)
        if m in self.ctx.defined:
            return node  # the file's own method
        if isinstance(recv, ast.Name) and recv.id == "self" and self.scene is not None:
            entry = self.gl.scene_attr(m)
            if (entry and entry.decision == "renamed" and entry.access == "attribute" and entry.ce
                    and not node.args and not node.keywords and key and self.ns.has_attr(key, entry.ce)
                    and self._allowed(entry, self.ns.has_attr(key, m))):
                self.fix(f"self.{m}() -> self.{entry.ce}")
                return ast.copy_location(ast.Attribute(value=recv, attr=entry.ce, ctx=ast.Load()), node)
        if owner is None and isinstance(recv, ast.Name) and recv.id == "self":
            return node  # a class of the file's own making: its methods are its business
        entry = self.gl.method(m, owner if owner in self.gl.classes else None)
        if entry is None or entry.decision in ("same", "unmatched", "gone"):
            return self._method_kwargs(node, key, m)
        if not self._allowed(entry, self.ctx.exists_in_ce(key, m)):
            return node
        keys = [key] if key else self._owner_keys(m, entry)
        if entry.rule == "fix_in_frame":
            if self.ctx.is_gl and self.mode is None and self.scene is not None and (
                    ported := gl_frame.fixed_in_frame(node, three_d=False)):
                self.fix(ported[1], "gl_port")
                return recv
            return node
        if entry.decision == "drop":
            self.fix(f"removed .{m}(...): {entry.reason}", "gl_port")
            return recv  # these GL methods return the mobject itself
        if entry.template:
            if not keys or not all(self._template_ok(entry.template, k) for k in keys):
                return node
            new = self._fill(entry, node, recv)
            if new is None:
                return node
            self.fix(f".{m}(...) -> {_shown(entry.template)}")
            return ast.copy_location(new, node)
        if entry.decision != "renamed" or not entry.ce or not keys:
            return node
        target = entry.ce
        if not all(self.ctx.exists_in_ce(k, target) for k in keys):
            return node
        if entry.access == "attribute":
            if node.args or node.keywords:
                return node
            self.fix(f".{m}() -> .{target}")
            return ast.copy_location(ast.Attribute(value=recv, attr=target, ctx=ast.Load()), node)
        args, keywords = list(node.args), list(node.keywords)
        if entry.keywords:
            if len(args) > len(entry.keywords) or any(isinstance(a, ast.Starred) for a in args):
                return node
            keywords = [ast.keyword(n, a) for n, a in zip(entry.keywords, args, strict=False)] + keywords
            args = []
        given = {k.arg for k in keywords}
        keywords += [ast.keyword(k, _expr(v)) for k, v in entry.defaults.items() if k not in given]
        params = self.ns.method_params(keys[0], target)
        if params is not None and not params[1] and any(
                k.arg is not None and k.arg not in params[0] for k in keywords):
            new = self._method_kwargs(ast.Call(func=f, args=args, keywords=keywords), keys[0], m,
                                      target, require=True)
            if new is None:
                return node
            keywords = new.keywords
        self.fix(f".{m}(...) -> .{target}(...)")
        f.attr = target
        node.args, node.keywords = args, keywords
        return node

    def _owner_keys(self, method: str, entry: Entry) -> list[str]:
        """With the receiver's class unknown: the CE classes of the GL classes the decision is
        about (a curated owner, or every GL owner that agrees on the target)."""
        if entry.owner:
            key = self.ctx.ce_key(entry.owner)
            return [key] if key else []
        owners = [o for o, e in self.gl.method_owners(method).items()
                  if e.decision == entry.decision and e.ce == entry.ce]
        keys = [self.ctx.ce_key(o) for o in owners]
        return [k for k in keys if k] if all(keys) else []

    def _method_kwargs(self, node: ast.Call, key: str | None, gl_method: str,
                       ce_method: str | None = None, require: bool = False) -> ast.Call | None:
        """Keyword arguments a (known) CE method rejects: renamed or dropped as the map says."""
        ce_method = ce_method or gl_method
        params = self.ns.method_params(key, ce_method) if key else None
        if params is None or params[1]:
            return None if require else node
        accepted = params[0]
        keep, fixes = [], []
        for k in node.keywords:
            if k.arg is None or k.arg in accepted:
                keep.append(k)
                continue
            e = self.gl.method_kwarg(gl_method, k.arg)
            if e is not None and e.decision == "renamed" and e.ce in accepted and not any(
                    x.arg == e.ce for x in node.keywords):
                fixes.append((f".{ce_method}({k.arg}=) -> {e.ce}=", "renamed_api"))
                keep.append(ast.keyword(e.ce, k.value))
            elif e is not None and e.decision == "drop":
                fixes.append((f"removed {k.arg}= from .{ce_method}() ({e.reason})", "dropped_kwarg"))
            elif require:
                return None
            else:
                keep.append(k)
        for what, category in fixes:
            self.fix(what, category)
        node.keywords = keep
        return node

    # --- templates ------------------------------------------------------------------------------
    def _fill(self, entry: Entry, node: ast.Call, obj: ast.expr | None = None) -> ast.expr | None:
        """The entry's template with the call's arguments. A keyword the template names
        (``{length=5}``) is put there, its default when the call gives none; the others go where
        it says ``{kwargs}``, else to the outer call, or after it when ``chain`` says how
        (``height=`` -> ``.set(height=...)``)."""
        tpl = entry.template or ""
        wanted = {int(i) for i in re.findall(r"\{(\d+)\}", tpl)}
        if len(node.args) != (max(wanted) + 1 if wanted else 0) or any(
                isinstance(a, ast.Starred) for a in node.args):
            return None
        if obj is not None and tpl.count("{obj}") > 1 and not _simple(obj):
            return None
        if any(tpl.count(f"{{{i}}}") > 1 and not _simple(a) for i, a in enumerate(node.args)):
            return None
        if any(k.arg is None for k in node.keywords):
            return None
        given = {k.arg: k.value for k in node.keywords}
        named = dict(_NAMED.findall(tpl))
        if any("{" in ast.unparse(given[n]) or "}" in ast.unparse(given[n]) for n in named if n in given):
            return None  # (the template is formatted after this)
        tpl = _NAMED.sub(lambda m: f"({ast.unparse(given[m.group(1)])})" if m.group(1) in given
                         else m.group(2), tpl)
        text = tpl.replace("{kwargs}", f"{_KWARGS}=None").format(
            *(f"({ast.unparse(a)})" for a in node.args), obj=f"({ast.unparse(obj)})" if obj is not None else "")
        new = _expr(text)
        rest = [k for k in node.keywords if k.arg not in entry.chain and k.arg not in named]
        slot = next((c for c in pyparse.walk(new) if isinstance(c, ast.Call)
                     and any(k.arg == _KWARGS for k in c.keywords)), None)
        target = slot if slot is not None else new
        if slot is not None:
            slot.keywords = [k for k in slot.keywords if k.arg != _KWARGS]
        if rest:
            if not isinstance(target, ast.Call) or {k.arg for k in rest} & {k.arg for k in target.keywords}:
                return None
            if isinstance(target.func, ast.Name) and (key := self.ns.class_key(target.func.id)):
                accepted, open_ = self.ns.init_params(key)
                if not open_ and any(k.arg not in accepted for k in rest):
                    return None
            elif slot is not None:
                return None  # keywords for a call whose parameters are not known here
            target.keywords += rest
        for k in node.keywords:
            if k.arg in entry.chain:
                new = _expr(f"({ast.unparse(new)})" + entry.chain[k.arg].format(ast.unparse(k.value)))
        return new

    def _template_ok(self, template: str, key: str | None) -> bool:
        return _template_ok(template, key, self.ns.manim_names, self.ns)


# a keyword of the GL call placed in the template (``{length=5}``: its value, or 5)
_NAMED = re.compile(r"\{(\w+)=([^{}]+)\}")
_KWARGS = "_c2v_kwargs"  # where ``{kwargs}`` stands while the template is parsed


def _shown(template: str) -> str:
    """A template as the report shows it: its arguments x, y, ..., its receiver obj."""
    text = _NAMED.sub(lambda m: m.group(1), template).replace("{kwargs}", "**kwargs")
    return re.sub(r"\{(\d+)\}", lambda m: "xyzw"[int(m.group(1))], text).replace("{obj}", "obj")


@lru_cache(maxsize=512)
def _template_names(template: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names a template uses, and the attributes it reads on {obj}."""
    template = _NAMED.sub(lambda m: m.group(2), template).replace("{kwargs}", f"{_KWARGS}=None")
    text = re.sub(r"\{(\d+)\}", r"_arg\1", template).replace("{obj}", "_obj")
    tree = _expr(text)
    bound = {n.id for n in pyparse.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    names = frozenset(n.id for n in pyparse.walk(tree) if isinstance(n, ast.Name)
                      and not n.id.startswith(("_arg", "_obj")) and n.id not in bound)
    attrs = frozenset(n.attr for n in pyparse.walk(tree) if isinstance(n, ast.Attribute)
                      and isinstance(n.value, ast.Name) and n.value.id == "_obj")
    return names, attrs


def _template_ok(template: str, key: str | None, star: frozenset[str], ns) -> bool:
    names, attrs = _template_names(template)
    if not all(n in star or n in _BUILTINS for n in names):
        return False
    if attrs and key is None:
        return False
    return all(ns.has_attr(key, a) for a in attrs)


def _positional(info, args: list[ast.expr], given: set, accepted: set[str]) -> list[str] | None:
    """GL passes some arguments by position that CE takes at another position (GL's
    ``FadeIn(mob, UP)`` is ``FadeIn(mob, shift=UP)``, ``Rectangle(4, 2)`` is
    ``Rectangle(width=4, height=2)``): the GL names of the trailing arguments to pass by keyword,
    or None when nothing needs to (or it cannot be done safely)."""
    if not info.ce_layout_known or any(isinstance(a, ast.Starred) for a in args):
        return None
    gl_pos, ce_pos = info.gl_positional, info.ce_positional
    start = None
    for i in range(len(args)):
        gl_name = gl_pos[i] if i < len(gl_pos) else None
        ce_name = ce_pos[i] if i < len(ce_pos) else None
        if gl_name is None:
            if info.gl_varargs and ce_name is None and info.ce_varargs:
                continue  # *args on both sides
            return None
        if ce_name == gl_name or (ce_name is None and info.ce_varargs and i == 0):
            continue  # same slot, or the first argument into CE's *mobjects
        if gl_name in accepted:
            start = i
            break
        if ce_name is not None:
            continue  # another name for the same slot (anim_func / animation_class)
        return None
    if start is None:
        return None
    names = list(gl_pos[start:len(args)])
    if len(names) != len(args) - start or any(n not in accepted or n in given for n in names):
        return None
    # CE parameters that the moved arguments no longer fill must have defaults.
    if any(r not in names and r not in given for r in info.ce_required[start:]):
        return None
    return names
