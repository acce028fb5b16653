"""A scene method that plays its own animation, passed to ``self.play`` as if it returned one:
``self.play(self.apply_matrix(A), FadeOut(label), run_time=4)``. The method plays and returns
None, so the outer play fails ("Unexpected argument None passed to Scene.play()"). What the
author meant is one play with everything in it, which is what these methods take
``added_anims`` for:

    self.apply_matrix(A, added_anims=[FadeOut(label)], run_time=4)

Applied only when the scene's class has the method and the namespace index says it accepts
``added_anims`` (LinearTransformationScene's apply_* family, ThreeDScene.move_camera)."""

from __future__ import annotations

import ast

from ... import pyparse
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import Cure, failing_statement, replace_statement
from .issues import manim_base
from .scene_base import scene_class

PLAY_NONE = "Unexpected argument None passed to Scene.play()"


def _on_self(node: ast.AST) -> ast.Call | None:
    """``node`` when it is a call of a method of ``self``."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
        return node
    return None


def played_scene_call_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    if PLAY_NONE not in message:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    cls = scene_class(tree, None, line)
    key = manim_base(tree, cls.name, ns) if cls is not None else None
    if cls is None or not isinstance(stmt, ast.Expr):
        return None
    play = _on_self(stmt.value)
    if play is None or play.func.attr != "play":  # type: ignore[union-attr]
        return None
    # (a scene on a base class of its project's: manim's methods are not known, its helpers are)
    inner = [a for a in play.args if key is not None and (c := _on_self(a)) is not None
             and "added_anims" in (ns.method_params(key, c.func.attr) or (set(), False))[0]  # type: ignore[union-attr]
             and not any(k.arg == "added_anims" for k in c.keywords)]
    if not inner and (helper := _helper_that_plays(tree, play)) is not None:
        return Cure("scene call played", replace_statement(source, stmt, ast.Expr(helper)), [Fix(
            stmt.lineno, "renamed_api", f"self.play(self.{helper.func.attr}(...)) -> "  # type: ignore[attr-defined]
            f"self.{helper.func.attr}(...): it plays by itself and returns nothing")])  # type: ignore[attr-defined]
    if len(inner) != 1 or any(isinstance(a, ast.Starred) for a in play.args):
        return None
    call = pyparse.clone(inner[0])
    others = [a for a in play.args if a is not inner[0]]
    if others:
        call.keywords.append(ast.keyword("added_anims", ast.List(elts=others, ctx=ast.Load())))
    own = {k.arg for k in call.keywords}
    call.keywords += [k for k in play.keywords if k.arg not in own]
    name = call.func.attr  # type: ignore[union-attr]
    return Cure("scene call played", replace_statement(source, stmt, ast.Expr(call)), [Fix(
        stmt.lineno, "renamed_api", f"self.play(self.{name}(...), ...) -> self.{name}(..., added_anims=[...]): "
        f"{name} plays by itself and returns nothing")])


def _helper_that_plays(tree: ast.Module, play: ast.Call) -> ast.Call | None:
    """``self.play(self.highlight(formula))`` where ``highlight`` is the scene's own helper (of
    this file or of the project's base scene) that plays by itself: the run found it returned
    None. The only argument, no keywords; a helper of this file must call ``self.play`` or
    ``self.wait`` itself (one that forgot to return its animation is another mistake)."""
    if len(play.args) != 1 or play.keywords or (helper := _on_self(play.args[0])) is None:
        return None
    name = helper.func.attr  # type: ignore[union-attr]
    defs = [f for f in pyparse.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == name]
    if defs and not any(isinstance(c, ast.Call) and (m := _on_self(c)) is not None
                        and m.func.attr in ("play", "wait")  # type: ignore[union-attr]
                        for f in defs for c in pyparse.walk(f)):
        return None
    return helper
