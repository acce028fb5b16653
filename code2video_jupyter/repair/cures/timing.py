"""A play with nothing to play, and a wait or run time of no time. Models build the
animations of a ``self.play(*anims)`` in a loop, or compute ``self.wait(total - spent)``; when
the list comes out empty or the time zero, ManimGL does nothing there (it logs and goes on),
while Manim Community raises. The cure gives the Community scene that meaning: the play is
skipped when there is nothing to play, and a time that is not positive becomes one frame
(what Manim Community itself makes of a time shorter than a frame)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..fixes import Fix
from .edit import Cure, comment_out, failing_statement, replace_statement

_EMPTY_PLAY = "Called Scene.play with no animations"
# "P.wait() has a duration of 0 <= 0 seconds", "P.play() has a total run_time of -1 <= 0 seconds"
_NO_TIME = re.compile(r"\.(\w+)\(\) has a (?:total )?(run_time|duration|max_time) of (-?[\d.e+-]+) <= 0")
_ONE_FRAME = "1 / config.frame_rate"
_WAITS = frozenset({"wait", "pause"})


def _scene_call(stmt: ast.stmt, names: frozenset[str]) -> ast.Call | None:
    """The ``<scene>.play(...)`` (or wait...) that is the whole statement, if it is one."""
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        if isinstance(func, ast.Attribute) and func.attr in names:
            return stmt.value
    return None


def _pure(node: ast.expr) -> bool:
    """Read twice with the same result: a name or an attribute of one."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def empty_play_cure(source: str, message: str, line: int | None) -> Cure | None:
    if _EMPTY_PLAY not in message:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    call = _scene_call(stmt, frozenset({"play"}))
    if call is None or any(not isinstance(a, ast.Starred) for a in call.args):
        return None
    code = ast.unparse(call)
    if not call.args:  # self.play() or self.play(run_time=2): nothing was ever given to it
        return Cure("empty play", comment_out(source, tree, stmt, f"{code}  # nothing to play"),
                    [Fix(stmt.lineno, "removed_call", f"commented out {code} (it plays nothing)")])
    starred = [a.value for a in call.args if isinstance(a, ast.Starred)]
    if all(_pure(v) for v in starred):
        test: ast.expr = starred[0] if len(starred) == 1 else ast.BoolOp(op=ast.Or(), values=starred)
        body: ast.stmt = stmt
    else:
        # a comprehension (*[FadeOut(m) for m in self.mobjects]) is built once, then tested
        built = ast.List(elts=list(call.args), ctx=ast.Load())
        test = ast.NamedExpr(target=ast.Name(id="to_play", ctx=ast.Store()), value=built)
        body = ast.Expr(ast.Call(func=call.func, args=[ast.Starred(ast.Name(id="to_play", ctx=ast.Load()),
                                                                   ast.Load())],
                                 keywords=call.keywords))
    new = ast.If(test=test, body=[body], orelse=[])
    return Cure("empty play", replace_statement(source, stmt, new),
                [Fix(stmt.lineno, "timing", f"{code} only when there is something to play "
                     "(Manim Community refuses an empty play; ManimGL skips it)")])


def _no_time(node: ast.expr) -> bool:
    """A literal time that is not positive (``0``, ``-1``, ``0.0``)."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, (int, float))
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
        and not isinstance(node.value, bool) and node.value <= 0


def _at_least_a_frame(value: ast.expr) -> ast.expr:
    frame = pyparse.parse(_ONE_FRAME, mode="eval").body
    return frame if _no_time(value) else ast.Call(ast.Name(id="max", ctx=ast.Load()), [value, frame], [])


def _time_of(call: ast.Call, parameter: str) -> ast.expr | None:
    """The expression that gives the call its time: the keyword, or a wait's first argument."""
    for k in call.keywords:
        if k.arg == parameter:
            return k.value
    if parameter in ("duration", "max_time") and call.args:
        return call.args[0]
    return None


def no_time_cure(source: str, message: str, line: int | None) -> Cure | None:
    m = _NO_TIME.search(message)
    found = failing_statement(source, line)
    if m is None or found is None:
        return None
    tree, stmt = found
    method, parameter = m.group(1), m.group(2)
    copied = pyparse.clone(stmt)  # the times are replaced in a copy: the tree is shared (pyparse)
    call = _scene_call(copied, frozenset({method}))
    if call is None:
        return None
    code = ast.unparse(call)
    if method in _WAITS:
        value = _time_of(call, "duration")
        if value is None:
            return None
        if _no_time(value):  # self.wait(0): a wait of no time is no wait
            return Cure("no time", comment_out(source, tree, stmt, f"{code}  # a wait of no time"),
                        [Fix(stmt.lineno, "removed_call", f"commented out {code} (it waits no time)")])
        targets = [(call, value)]
    else:
        # the play's own run_time, else the run_time each animation was given
        own = _time_of(call, "run_time")
        targets = [(call, own)] if own is not None else [
            (a, t) for a in call.args if isinstance(a, ast.Call) and (t := _time_of(a, "run_time")) is not None]
    if not targets:
        return None
    for owner, value in targets:
        new_value = _at_least_a_frame(value)
        if owner.args and owner.args[0] is value:
            owner.args[0] = new_value
        else:
            for k in owner.keywords:
                if k.value is value:
                    k.value = new_value
    return Cure("no time", replace_statement(source, stmt, copied),
                [Fix(stmt.lineno, "timing", f"{code}: a {parameter} that is not positive made "
                     "one frame (Manim Community refuses no time; ManimGL passes over it)")])
