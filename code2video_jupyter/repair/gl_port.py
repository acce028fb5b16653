"""Port ManimGL code (3b1b's manim, and the old manim models imitate) to Manim Community.

Models asked for Manim CE often write ManimGL: ``from manimlib import *``, ``InteractiveScene``,
``Tex`` for math, ``ShowCreation``, ``self.frame.reorient(...)``. ``port_source`` rewrites such a
file by the GL -> CE map (``gl_map.py``): imports, scene base classes, names, methods, keyword
arguments, the camera frame. It never makes code worse: a rewrite is applied only when the
installed manim's namespace index confirms its CE side (the name exists on that type and
accepts the call's keywords); otherwise the code is left for the gate to report.

A file counts as ManimGL when it imports manimlib (or 3b1b's ``manim_imports_ext``) or uses a
name only GL has (``TexText``, ``InteractiveScene``, the camera's ``self.frame``). Only then are
names that exist in both but mean different things rewritten (GL's ``Tex`` is CE's ``MathTex``;
``FadeIn(mob, UP)`` is ``FadeIn(mob, shift=UP)``). In other files only what cannot work in CE
is touched, and code that is already valid CE comes out byte-identical.

Like the static fixers, only the statements that change are rewritten (with ``ast.unparse``);
the rest of the file keeps its text and comments.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from .. import pyparse
from . import gl_frame
from .fixes import Fix
from .gl_context import Context, SceneInfo, default_orientation
from .gl_map import load_gl_map
from .gl_rewrite import Rewriter
from .namespace import Namespace
from .policy import ALLOWED_IMPORTS
from .text_fixes import statement_lists

CE_STAR = "from manim import *"


def port_source(source: str, ns: Namespace) -> tuple[str, list[Fix]]:
    """ManimGL code as Manim Community code, with what was changed. Returns the source
    unchanged (the same string) when there is nothing to port."""
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    ctx = Context(tree, ns, load_gl_map())
    edits: list[Edit] = []
    fixes: list[Fix] = []
    if ctx.is_gl:
        _port_imports(ctx, edits, fixes)
        _port_scene_bases(ctx, source, edits, fixes)
    _port_statements(ctx, source, edits, fixes)
    ported, header_fixes = _port_headers(ctx, source)
    if not edits and not header_fixes:
        return source, []
    return _apply(ported, edits), sorted(fixes + header_fixes, key=lambda f: f.line)


def port_at_run(source: str, ns: Namespace, line: int, owner: str, method: str) -> tuple[str, list[Fix]]:
    """The failing statement's ``x.method(...)`` ported as the map says for ``owner``, the class
    a run found ``x`` to be (``'Text' object has no attribute 'scale_about_point'`` inside an
    updater): the text cannot tell what an updater's ``mob`` or a loop's variable holds, so the
    static port left it. Returns the source unchanged when the map has nothing for it."""
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    ctx = Context(tree, ns, load_gl_map())
    stmt = next((s for block in statement_lists(tree) for s in block
                 if not isinstance(s, _COMPOUND) and s.lineno <= line <= (s.end_lineno or s.lineno)), None)
    if stmt is None:  # an ``if``/``for``/``while``/``with`` header on that line
        return _port_headers(ctx, source, line, {method: owner})
    ported = _port_statement(ctx, stmt, {method: owner})
    if not ported or not ported[0]:
        return source, []
    new, fixes = ported
    edit = Edit(stmt.lineno, stmt.end_lineno or stmt.lineno, _render(new, _indent(source.split("\n"), stmt.lineno)))
    return _apply(source, [edit]), fixes


def _port_headers(ctx: Context, source: str, line: int | None = None,
                  seen_at_run: dict[str, str] | None = None) -> tuple[str, list[Fix]]:
    """The source with the one-line expressions of block headers (``for line in
    plane.get_lines():``) ported, all of them or those on ``line``, each edited in its line
    (the line count is kept: the statements' edits still apply by line)."""
    from .cures.edit import rewrite_headers

    classes = {(e.lineno, e.col_offset): ctx.class_of(e) for e in pyparse.headers(ctx.tree)}

    def change(expr: ast.expr) -> tuple[ast.expr, list[str]]:
        if line is not None and expr.lineno != line:
            return expr, []
        cls = classes.get((expr.lineno, expr.col_offset))
        rewriter = Rewriter(ctx, ctx.scenes.get(cls) if cls is not None else None)
        rewriter.seen_at_run = seen_at_run or {}
        new = rewriter.header(expr)
        return (new, [f.description for f in rewriter.fixes]) if new is not None else (expr, [])

    return rewrite_headers(source, ctx.tree, change, "gl_port")


def _port_statement(ctx: Context, stmt: ast.stmt,
                    seen_at_run: dict[str, str] | None = None) -> tuple[list[ast.stmt], list[Fix]] | None:
    """One simple statement ported (its replacement and what changed), or None when nothing
    in it needs porting."""
    cls = ctx.class_of(stmt)
    rewriter = Rewriter(ctx, ctx.scenes.get(cls) if cls is not None else None)
    if seen_at_run:
        rewriter.seen_at_run = seen_at_run
    new = rewriter.statement(pyparse.clone(stmt))
    if new is None or not rewriter.fixes:
        return None
    return new, rewriter.fixes


# --- edits --------------------------------------------------------------------------------------
@dataclass
class Edit:
    first: int  # 1-based line
    last: int  # inclusive; first - 1 for an insertion before `first`
    text: str | None  # None deletes the lines


def _apply(source: str, edits: list[Edit]) -> str:
    lines = source.split("\n")
    # Bottom-up; at the same line a replacement goes before an insertion (it does not move it).
    for e in sorted(edits, key=lambda e: (e.first, e.last >= e.first), reverse=True):
        new = [] if e.text is None else e.text.split("\n")
        lines[e.first - 1:e.last] = new
    return "\n".join(lines)


def _indent(source_lines: list[str], line: int) -> str:
    return re.match(r"\s*", source_lines[line - 1]).group(0)  # type: ignore[union-attr]


def _render(stmts: list[ast.stmt], indent: str) -> str:
    text = "\n".join(ast.unparse(ast.fix_missing_locations(s)) for s in stmts)
    return "\n".join(indent + ln if ln else ln for ln in text.split("\n"))


# --- imports ------------------------------------------------------------------------------------
def _port_imports(ctx: Context, edits: list[Edit], fixes: list[Fix]) -> None:
    has_ce = any(isinstance(n, ast.ImportFrom) and n.module == "manim"
                 and any(a.name == "*" for a in n.names) for n in ctx.nodes)
    first = True
    for node in sorted(ctx.gl_imports, key=lambda n: n.lineno):
        what = ast.unparse(node)
        if first and not has_ce:
            text = CE_STAR + _module_imports(ctx)
            indent = " " * node.col_offset
            edits.append(Edit(node.lineno, node.end_lineno or node.lineno,
                              "\n".join(indent + ln for ln in text.split("\n"))))
            fixes.append(Fix(node.lineno, "import", f"`{what}` -> `{CE_STAR}` (ManimGL -> Manim Community)"))
            first = False
        else:
            edits.append(Edit(node.lineno, node.end_lineno or node.lineno, None))
            fixes.append(Fix(node.lineno, "import", f"removed `{what}` (ManimGL)"))


def _module_imports(ctx: Context) -> str:
    """``from manimlib import *`` also bound modules (np, it, math, re...): import the ones the
    file uses that CE's star import does not give, when the sandbox allows them."""
    used = {n.id for n in ctx.nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    lines = []
    for alias, module in sorted(ctx.gl.star_modules.items()):
        if (alias in used and alias not in ctx.local and alias not in ctx.ns.manim_names
                and module.split(".")[0] in ALLOWED_IMPORTS):
            lines.append(f"import {module}" if alias == module else f"import {module} as {alias}")
    return "".join("\n" + ln for ln in lines)


# --- scene classes ------------------------------------------------------------------------------
def _port_scene_bases(ctx: Context, source: str, edits: list[Edit], fixes: list[Fix]) -> None:
    lines = source.split("\n")
    done: set[int] = set()
    for info in ctx.scenes.values():
        root = info.root
        if id(root) in done:
            continue
        done.add(id(root))
        base = next(b for b in root.bases if isinstance(b, ast.Name) and b.id == info.gl_base)
        target = _scene_target(ctx, info)
        if target is None or target == info.gl_base or base.lineno != base.end_lineno:
            continue
        line = lines[base.lineno - 1]
        if line[base.col_offset:base.end_col_offset] != info.gl_base:
            continue
        lines[base.lineno - 1] = line[:base.col_offset] + target + line[base.end_col_offset:]
        edits.append(Edit(base.lineno, base.lineno, lines[base.lineno - 1]))
        why = {"moving": " (its camera frame moves)", "3d": " (its camera turns in 3-D)"}.get(
            info.mode or "", "")
        fixes.append(Fix(base.lineno, "renamed_api", f"scene base {info.gl_base} -> {target}{why}"))
    # GL's ThreeDScene (or a default_frame_orientation) starts tilted; CE's starts from above.
    for info in ctx.scenes.values():
        if info.mode != "3d" or _scene_target(ctx, info) != "ThreeDScene":
            continue
        angles = _inherited_orientation(ctx, info)
        construct = next((s for s in info.node.body if isinstance(s, ast.FunctionDef)
                          and s.name == "construct"), None)
        if angles is None or construct is None or angles == (0.0, 0.0):
            continue
        if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr == "set_camera_orientation" for n in pyparse.walk(construct)):
            continue  # the scene sets its own angles (or an earlier pass did): once is enough
        body = construct.body
        first = body[1] if (len(body) > 1 and isinstance(body[0], ast.Expr)
                            and isinstance(body[0].value, ast.Constant)) else body[0]
        stmt = gl_frame.default_orientation(*angles)
        edits.append(Edit(first.lineno, first.lineno - 1, _render([stmt], _indent(lines, first.lineno))))
        fixes.append(Fix(first.lineno, "renamed_api",
                         f"GL's starting camera angles (theta={angles[0]:g}, phi={angles[1]:g} degrees) "
                         "-> self.set_camera_orientation(...)"))


def _scene_target(ctx: Context, info: SceneInfo) -> str | None:
    """The CE scene class the root should derive from, confirmed to exist."""
    entry = ctx.gl.name(info.gl_base)
    target = entry.ce if entry and entry.decision == "renamed" and entry.ce else info.gl_base
    if info.mode == "3d":
        target = "ThreeDScene" if target in ("Scene", "ThreeDScene") else target
    elif info.mode == "moving":
        target = "MovingCameraScene" if target == "Scene" else target
    return target if ctx.ns.class_key(target) else None


def _inherited_orientation(ctx: Context, info: SceneInfo) -> tuple[float, float] | None:
    classes = ctx.classes
    node: ast.ClassDef | None = info.node
    seen: set[str] = set()
    while node is not None and node.name not in seen:
        seen.add(node.name)
        found = default_orientation(node)
        if found:
            return found
        if node is info.root:
            break
        node = next((classes[b.id] for b in node.bases if isinstance(b, ast.Name) and b.id in classes), None)
    return gl_frame.GL_THREE_D_DEFAULT if "ThreeDScene" in ctx.gl.mro(info.gl_base) else None


# --- statements ---------------------------------------------------------------------------------
_COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.While,
             ast.With, ast.Try, ast.AsyncFor, ast.AsyncWith, ast.Match)


def _port_statements(ctx: Context, source: str, edits: list[Edit], fixes: list[Fix]) -> None:
    lines = source.split("\n")
    gl_import_lines = {n.lineno for n in ctx.gl_imports}
    replaced: dict[int, list[ast.stmt]] = {}
    blocks = statement_lists(ctx.tree)
    for block in blocks:
        for stmt in block:
            if isinstance(stmt, _COMPOUND) or stmt.lineno in gl_import_lines:
                continue
            ported = _port_statement(ctx, stmt)
            if ported is None:
                continue
            replaced[id(stmt)] = ported[0]
            fixes += ported[1]
    # 3-D scenes: `frame = self.frame` goes when every use of `frame` was ported.
    for info in ctx.scenes.values():
        if info.mode != "3d" or not info.aliases:
            continue
        for stmt in [s for s in pyparse.walk(info.node) if isinstance(s, ast.Assign)
                     and gl_frame.is_frame(s.value) and len(s.targets) == 1
                     and isinstance(s.targets[0], ast.Name) and s.targets[0].id in info.aliases]:
            if not _alias_still_used(ctx, info, stmt.targets[0].id, replaced):  # type: ignore[union-attr]
                replaced[id(stmt)] = []
                fixes.append(Fix(stmt.lineno, "renamed_api",
                                 f"removed `{ast.unparse(stmt)}` (CE's ThreeDScene turns its camera itself)"))
    for block in blocks:
        kept = [s for s in block if replaced.get(id(s), [None]) != []]
        for stmt in block:
            if id(stmt) not in replaced:
                continue
            new = replaced[id(stmt)]
            if not kept and stmt is block[0]:
                new = [ast.Pass()]  # a block cannot be empty
            text = _render(new, _indent(lines, stmt.lineno)) if new else None
            edits.append(Edit(stmt.lineno, stmt.end_lineno or stmt.lineno, text))


def _alias_still_used(ctx: Context, info: SceneInfo, alias: str,
                      replaced: dict[int, list[ast.stmt]]) -> bool:
    """Whether a frame alias is still read anywhere in the class once the statements that were
    ported are replaced."""
    for node in pyparse.walk(info.node):
        if not (isinstance(node, ast.Name) and node.id == alias and isinstance(node.ctx, ast.Load)):
            continue
        stmt: ast.AST | None = node
        while stmt is not None and not isinstance(stmt, ast.stmt):
            stmt = ctx.parents.get(id(stmt))
        if stmt is None or isinstance(stmt, _COMPOUND) or id(stmt) not in replaced:
            return True
        if any(isinstance(n, ast.Name) and n.id == alias for s in replaced[id(stmt)] for n in pyparse.walk(s)):
            return True
    return False


