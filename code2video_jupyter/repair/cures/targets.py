"""``MoveToTarget(m)`` on a mobject that never had ``m.generate_target()``: manim's target is
None then, and the Transform fails ("get_point_mobject not implemented"). What the author meant
is plain from the lines above the play: they moved ``m`` itself (``m.move_to(p)``), expecting
the play to animate that move. The cure makes those lines act on a target, as manim's
MoveToTarget wants:

    m.move_to(p)                      m.generate_target()
    self.play(MoveToTarget(m))   ->   m.target.move_to(p)
                                      self.play(MoveToTarget(m))

Only the bare calls on ``m`` between the previous play (or wait) and this one are moved to the
target. With none there, there is no move to animate: the MoveToTarget becomes ``Animation(m)``,
which holds ``m`` where it is for the same time."""

from __future__ import annotations

import ast

from ... import pyparse
from ..static_fixes import Fix
from .edit import (
    Cure,
    call_name,
    chain_root,
    failing_statement,
    parent_body,
    replace_statement,
    replace_statements,
)
from .points import bound_values, pointlike

NO_TARGET = "get_point_mobject not implemented"


def _root(call: ast.expr) -> ast.expr | None:
    """The receiver at the start of a call chain: ``m`` of ``m.shift(x).scale(2)``."""
    node = chain_root(call)
    return node if node is not call else None


# Calls on a mobject that do not change how it looks: never moved to its target.
NOT_MOVES = frozenset({"add_updater", "remove_updater", "clear_updaters", "suspend_updating",
                       "resume_updating", "save_state", "generate_target", "add", "remove",
                       "add_to_back", "set_z_index"})


def _chain_methods(call: ast.Call) -> set[str]:
    out = set()
    node: ast.expr = call
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        out.add(node.func.attr)
        node = node.func.value
    return out


def _is_scene_step(stmt: ast.stmt) -> bool:
    return (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
            and call_name(stmt.value) in ("play", "wait"))


def _alone(stmt: ast.stmt, lines: list[str]) -> bool:
    """No other statement shares the lines of ``stmt``."""
    first, last = lines[stmt.lineno - 1], lines[(stmt.end_lineno or stmt.lineno) - 1]
    return (stmt.col_offset == len(first) - len(first.lstrip())
            and (stmt.end_col_offset or 0) >= len(last.rstrip()))


def _retarget(call: ast.Call, target: ast.expr) -> ast.Call:
    new = pyparse.clone(call)
    node = new
    while isinstance(node.func.value, ast.Call):
        node = node.func.value
    node.func.value = ast.Attribute(value=pyparse.clone(target), attr="target", ctx=ast.Load())
    return new


def move_to_target_cure(source: str, message: str, line: int | None) -> Cure | None:
    if NO_TARGET not in message:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    body = parent_body(tree, stmt)
    if body is None:
        return None
    movers = [c.args[0] for c in pyparse.walk(stmt) if isinstance(c, ast.Call) and call_name(c) == "MoveToTarget"
              and isinstance(c.func, ast.Name) and len(c.args) == 1]
    lines = source.split("\n")
    edits: list[tuple[ast.stmt, ast.AST]] = []
    fixes: list[Fix] = []
    still: list[str] = []  # movers with no target and no move above: nothing to animate
    for mob in movers:
        key = ast.dump(mob)
        if f"{ast.unparse(mob)}.generate_target" in source or f"{ast.unparse(mob)}.target =" in source:
            continue  # it has a target somewhere: a missing one here is not this cure's case
        moves: list[ast.stmt] = []
        for prev in reversed(body[:[i for i, s in enumerate(body) if s is stmt][0]]):
            if _is_scene_step(prev):
                break
            if isinstance(prev, ast.Assign) and any(ast.dump(t) == key for t in prev.targets):
                break
            if (isinstance(prev, ast.Expr) and isinstance(prev.value, ast.Call)
                    and (root := _root(prev.value)) is not None and ast.dump(root) == key):
                if _chain_methods(prev.value) & NOT_MOVES:
                    break  # updaters, children, saved states: the mobject's own business
                if not _alone(prev, lines):
                    moves = []
                    break  # ``a; b`` on one line: not rewritten line by line
                moves.append(prev)
        if not moves:
            still.append(key)
            continue
        moves.reverse()
        for i, prev in enumerate(moves):
            new: list[ast.stmt] = [ast.Expr(_retarget(prev.value, mob))]
            if i == 0:
                gen = ast.Call(func=ast.Attribute(value=pyparse.clone(mob), attr="generate_target",
                                                  ctx=ast.Load()), args=[], keywords=[])
                new.insert(0, ast.Expr(gen))
            edits.append((prev, ast.Module(body=new, type_ignores=[])))
        name = ast.unparse(mob)
        fixes.append(Fix(moves[0].lineno, "renamed_api",
                         f"MoveToTarget({name}) had no target: the move above it now acts on "
                         f"{name}.target (after {name}.generate_target())"))
    if not edits and still:
        # No move to animate: the target is the mobject as it is. Animation(m) holds it for the
        # same time, so the scene keeps its timing (GL would raise here too).
        new_stmt = pyparse.clone(stmt)
        for c in pyparse.walk(new_stmt):
            if (isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == "MoveToTarget"
                    and len(c.args) == 1 and ast.dump(c.args[0]) in still):
                c.func.id = "Animation"
        edits.append((stmt, new_stmt))
        fixes.append(Fix(stmt.lineno, "renamed_api", "MoveToTarget(m) with no target and no move of m "
                         "before it -> Animation(m): m stays where it is for that time"))
    if not edits:
        return None
    return Cure("move to target", replace_statements(source, edits), fixes)


EXPLICIT_TARGET = "MoveToTarget.__init__() takes 2 positional arguments but 3 were given"


def explicit_target_cure(source: str, message: str, line: int | None) -> Cure | None:
    """``MoveToTarget(m, p)`` with the place to go as a second argument (MoveToTarget takes only
    the mobject, its target set beforehand): ``m.animate.move_to(p)`` when ``p`` is surely a
    point (a list, an array, what c2p or a Surface's func returns...). A mobject there is left
    alone: moving onto it and turning into it are both possible readings."""
    if EXPLICIT_TARGET not in message:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    values = bound_values(tree)

    class Move(ast.NodeTransformer):
        count = 0

        def visit_Call(self, node: ast.Call) -> ast.AST:
            self.generic_visit(node)
            if not (isinstance(node.func, ast.Name) and node.func.id == "MoveToTarget" and len(node.args) == 2
                    and pointlike(node.args[1], values)):
                return node
            builder: ast.expr = ast.Attribute(value=node.args[0], attr="animate", ctx=ast.Load())
            if node.keywords:  # run_time=... and the like: the animation's own arguments
                builder = ast.Call(func=builder, args=[], keywords=node.keywords)
            self.count += 1
            return ast.Call(func=ast.Attribute(value=builder, attr="move_to", ctx=ast.Load()),
                            args=[node.args[1]], keywords=[])

    mover = Move()
    new = mover.visit(pyparse.clone(stmt))
    if not mover.count:
        return None
    return Cure("explicit target", replace_statement(source, stmt, new), [Fix(
        stmt.lineno, "renamed_api", "MoveToTarget(m, point) -> m.animate.move_to(point) "
        "(MoveToTarget takes no place to go: it goes to m.target)")])
