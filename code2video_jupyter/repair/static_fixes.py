"""Deterministic fixers: known mistakes repaired with no model call.

They act on the gate's findings, statement by statement: only the statements that need a
change are rewritten (with ``ast.unparse``), the rest of the file keeps its text and comments.
"""

from __future__ import annotations

import ast
import bisect
import difflib
import math
import re
from dataclasses import dataclass, field

from .. import pyparse
from . import renames
from .colours import graded
from .fixes import Fix  # defined there (the GL port needs it too); importable from here as before
from .function_graphs import function_graphs
from .gate import GateIssue, GateReport, check_source
from .gl_map import load_gl_map
from .gl_port import port_source
from .module_text import add_imports
from .namespace import Namespace, load_namespace
from .scene_placement import place_scenes
from .text_fixes import (
    fix_indentation,
    indent_bodies,
    one_statement_per_line,
    strip_fences,
    strip_prose,
    strip_stray_lines,
    typographic_characters,
)
from .voiceover_port import port_voiceover


@dataclass
class FixResult:
    source: str
    fixes: list[Fix] = field(default_factory=list)
    report: GateReport = field(default_factory=GateReport)

    @property
    def changed(self) -> bool:
        return bool(self.fixes)


def fix_source(source: str, ns: Namespace | None = None, require_scene: bool = True,
               max_rounds: int = 4) -> FixResult:
    """Apply text fixers, then issue-driven fixers until the gate is clean or nothing helps."""
    ns = ns or load_namespace()
    fixes: list[Fix] = []
    for fixer, category in ((strip_fences, "fences"), (strip_stray_lines, "fences"),
                            (typographic_characters, "characters"), (strip_prose, "fences"), (fix_indentation, "indentation"),
                            (indent_bodies, "indentation"), (one_statement_per_line, "layout")):
        source, what = fixer(source)
        if what:
            fixes.append(Fix(0, category, what))
    source, config_fix = _config_dicts(source)
    fixes += config_fix
    source, star_fixes = _nested_star_imports(source)
    fixes += star_fixes
    source, placed = place_scenes(source)
    fixes += placed
    source, graph_fixes = function_graphs(source)
    fixes += graph_fixes
    source, port_fixes = port_source(source, ns)  # ManimGL code becomes Manim Community code
    fixes += port_fixes
    source, voice_fixes = port_voiceover(source)  # manim-voiceover's imports, offline
    fixes += voice_fixes
    report = check_source(source, ns, require_scene)
    for _ in range(max_rounds):
        if report.ok:
            break
        new_source, round_fixes = fix_issues(source, report, ns)
        if not round_fixes or new_source == source:
            break
        new_report = check_source(new_source, ns, require_scene)
        # Keep a round only if it helps; a fix that adds problems is not a fix. A round that
        # trades one finding for more may be half a fix (ParametricSurface(u_min=, u_max=) ->
        # Surface(u_min=, u_max=) -> Surface(u_range=)): kept when the next round then helps.
        if (len(new_report.errors) >= len(report.errors) and new_report.errors
                and not any(f.category == "import" for f in round_fixes)):
            next_source, next_fixes = fix_issues(new_source, new_report, ns)
            if not next_fixes or next_source == new_source:
                break
            next_report = check_source(next_source, ns, require_scene)
            if len(next_report.errors) >= len(report.errors) and next_report.errors:
                break
            round_fixes += next_fixes
            new_source, new_report = next_source, next_report
        source, report = new_source, new_report
        fixes += round_fixes
    pyparse.verify_shared("the static fixes")  # (the tests check that no fixer changes it)
    return FixResult(source, fixes, report)


# the math module's functions, for a bare one numpy does not have (numpy's come first)
_MATH_FUNCTIONS = frozenset(n for n in dir(math) if n.islower() and not n.startswith("_")
                            and callable(getattr(math, n)))


# --- issue-driven fixes -------------------------------------------------------------------------
def fix_issues(source: str, report: GateReport, ns: Namespace) -> tuple[str, list[Fix]]:
    fixes: list[Fix] = []
    imports: list[str] = []
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    by_line: dict[int, list[GateIssue]] = {}
    # names a replacement may use: the scaffold's only where the file star-imports it
    available = ns.star_names if any(
        isinstance(n, ast.ImportFrom) and (n.module or "").startswith("code2video_jupyter")
        for n in pyparse.walk(tree)) else ns.manim_names
    has_star = _has_star(tree)  # once, not once per unknown name (a GL file may have 1500)
    for issue in report.errors:
        if issue.kind == "unknown_name" and issue.name in renames.IMPORTS:
            line = renames.IMPORTS[issue.name]
            if line not in imports:
                imports.append(line)
                fixes.append(Fix(issue.line, "import", f"added `{line}`"))
        elif issue.kind == "unknown_name" and issue.name in ns.star_names and not has_star:
            line = ("from code2video_jupyter.scaffold import *"
                    if ns.star[issue.name].get("key", "").startswith("code2video_jupyter")
                    else "from manim import *")
            if line not in imports:
                imports.append(line)
                fixes.append(Fix(issue.line, "import", f"added `{line}` (for {issue.name}, ...)"))
        elif issue.kind == "unknown_name" and issue.name in ns.hidden:
            # manim has it, in a module its star import does not export (X_COLOR)
            line = f"from {ns.hidden[issue.name]} import {issue.name}"
            if line not in imports:
                imports.append(line)
                fixes.append(Fix(issue.line, "import", f"added `{line}`"))
        elif issue.kind in ("unknown_name", "unknown_attribute", "unknown_kwarg", "bad_colour"):
            by_line.setdefault(issue.line, []).append(issue)
    lines = source.split("\n")
    edits: list[tuple[int, int, str]] = []  # (first line, last line, new text), 1-based
    refused = {i.line for i in report.errors if i.kind == "policy"}
    edits += _unused_refused_imports(tree, refused, fixes)
    issue_lines = sorted(by_line)  # (the report is sorted by line: so is each statement's list)
    for stmt in _statements(tree):
        first = bisect.bisect_left(issue_lines, stmt.lineno)
        last = bisect.bisect_right(issue_lines, stmt.end_lineno or stmt.lineno)
        if first == last:
            continue
        issues = [i for ln in issue_lines[first:last] for i in by_line[ln]]
        rewriter = _Rewriter(issues, ns, available)
        new_stmt = rewriter.visit(_copy(stmt))
        if not rewriter.fixes:
            continue
        ast.fix_missing_locations(new_stmt)
        indent = re.match(r"\s*", lines[stmt.lineno - 1]).group(0)
        # A dropped argument is said in the code too: the reader sees what the fix took away.
        notes = [f"{indent}# fix: {f.description}" for f in rewriter.fixes if f.category == "dropped_kwarg"]
        text = "\n".join(notes + [indent + ln for ln in ast.unparse(new_stmt).split("\n")])
        edits.append((stmt.lineno, stmt.end_lineno or stmt.lineno, text))
        fixes += rewriter.fixes
        for line in rewriter.imports:
            if line not in imports and not _imported(tree, line):
                imports.append(line)
                fixes.append(Fix(stmt.lineno, "import", f"added `{line}`"))
    touched = {n for first, last, _ in edits for n in range(first, last + 1)}
    lines = _header_renames(tree, lines, by_line, touched, available, fixes)
    for first, last, text in sorted(edits, reverse=True):
        lines[first - 1:last] = text.split("\n")
    source = "\n".join(lines)
    if imports:
        source = add_imports(source, sorted(set(imports), key=lambda s: (not s.startswith("from manim"), s)))
    return source, fixes


def _unused_refused_imports(tree: ast.Module, lines: set[int], fixes: list[Fix]) -> list[tuple[int, int, str]]:
    """An import the sandbox refuses (os, sys, pathlib...) that the scene never uses is only a
    habit of the model: it goes. One that is used stays, and the policy error with it."""
    if not lines:
        return []
    used = {n.id for n in pyparse.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    edits = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno in lines:
            bound = {(a.asname or a.name).split(".")[0] for a in node.names}
            if "*" not in bound and not bound & used:
                edits.append((node.lineno, node.end_lineno or node.lineno, ""))
                fixes.append(Fix(node.lineno, "import", f"removed the unused `{ast.unparse(node)}` "
                                                       "(the sandbox refuses it)"))
    return edits


def _config_dicts(source: str) -> tuple[str, list[Fix]]:
    """Old manim read class attributes from a ``CONFIG = {...}`` dict; Manim Community
    ignores it. Its entries become plain class attributes (same names, same values)."""
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    lines = source.split("\n")
    fixes = []
    for cls in [n for n in pyparse.walk(tree) if isinstance(n, ast.ClassDef)][::-1]:
        for stmt in cls.body:
            if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                    and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == "CONFIG"
                    and isinstance(stmt.value, ast.Dict)
                    and all(isinstance(k, ast.Constant) and isinstance(k.value, str)
                            and k.value.isidentifier() for k in stmt.value.keys)):
                indent = re.match(r"\s*", lines[stmt.lineno - 1]).group(0)
                new = [f"{indent}{k.value} = {ast.unparse(v)}"
                       for k, v in zip(stmt.value.keys, stmt.value.values, strict=True)]
                lines[stmt.lineno - 1:stmt.end_lineno] = new
                fixes.append(Fix(stmt.lineno, "renamed_api",
                                 "CONFIG dict -> class attributes (Manim Community ignores CONFIG)"))
    return "\n".join(lines), fixes


def _nested_star_imports(source: str) -> tuple[str, list[Fix]]:
    """``from manim import *`` inside a function or class (an app that pasted a whole answer
    into its template's ``construct``): Python refuses the file ("import * only allowed at
    module level"), though it parses. It moves to the top of the file, once."""
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    top = {ast.unparse(n) for n in tree.body if isinstance(n, ast.ImportFrom)}
    # (a module-level try or if may hold one: ``try: from .common import *`` is allowed)
    nested = list({id(n): n for d in pyparse.walk(tree)
                   if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                   for n in pyparse.walk(d) if isinstance(n, ast.ImportFrom)
                   and any(a.name == "*" for a in n.names)}.values())
    if not nested:
        return source, []
    from .cures.edit import parent_body  # the cures build on this module: imported when used

    lines = source.split("\n")
    moved: list[str] = []
    fixes = []
    for node in sorted(nested, key=lambda n: n.lineno, reverse=True):
        text = ast.unparse(node)
        alone = len(parent_body(tree, node) or []) == 1  # a block cannot be left empty
        indent = lines[node.lineno - 1][:node.col_offset]
        lines[node.lineno - 1:node.end_lineno or node.lineno] = [f"{indent}pass"] if alone else []
        if text not in top and text not in moved:
            moved.append(text)
        fixes.append(Fix(node.lineno, "import", f"`{text}` inside a block -> "
                                                f"{'already' if text in top else 'put'} at the top of the file "
                                                "(Python allows import * only there)"))
    out = "\n".join(lines)
    if moved:
        out = add_imports(out, sorted(moved))
    return out, sorted(fixes, key=lambda f: f.line)


def _imported(tree: ast.Module, line: str) -> bool:
    """Whether ``import X`` (the line) is already in the module."""
    return any(isinstance(n, ast.Import) and ast.unparse(n) == line for n in pyparse.walk(tree))


def _has_star(tree: ast.Module) -> bool:
    return any(isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names)
               and (n.module or "").split(".")[0] in ("manim", "code2video_jupyter")
               for n in pyparse.walk(tree))


def _header_renames(tree: ast.Module, lines: list[str], by_line: dict[int, list[GateIssue]],
                    touched: set[int], available: frozenset[str], fixes: list[Fix]) -> list[str]:
    """Renamed names where no statement is rewritten whole: a compound statement's header
    (``def axes(self, width=FRAME_WIDTH)``, ``if x > FRAME_X_RADIUS:``), edited in its text."""
    if not any(i.kind == "unknown_name" for group in by_line.values() for i in group):
        return lines
    spans = []
    for part in pyparse.headers(tree, definitions=True):
        for n in pyparse.walk(part):
            if not (isinstance(n, ast.Name) and n.lineno not in touched and any(
                    i.kind == "unknown_name" and i.name == n.id for i in by_line.get(n.lineno, []))):
                continue
            new = renames.EXPRESSIONS.get(n.id) or (renames.NAMES.get(n.id) if renames.NAMES.get(n.id)
                                                    in available else None)
            if new:
                spans.append((n.lineno, n.col_offset, n.id, new))
                fixes.append(Fix(n.lineno, "renamed_api", f"{n.id} -> {new}"))
    if not spans:
        return lines
    from .cures.edit import replace_names  # the cures build on this module: imported when used

    return replace_names("\n".join(lines), spans).split("\n")


def _statements(tree: ast.Module) -> list[ast.stmt]:
    """Simple statements (and the headers of compound ones are left alone)."""
    out = []
    for node in pyparse.walk(tree):
        if isinstance(node, ast.stmt) and not isinstance(
                node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For,
                       ast.While, ast.With, ast.Try, ast.AsyncFor, ast.AsyncWith, ast.Match)):
            out.append(node)
    return out


def _copy(node: ast.AST) -> ast.AST:
    return pyparse.clone(node)


def _words(name: str) -> frozenset[str]:
    return frozenset(name.lower().replace("colour", "color").split("_"))


# Directions named as in other libraries, which manim has not (BACK and FRONT are renamed before,
# renames.EXPRESSIONS): none is a misspelt colour.
_DIRECTION_WORDS = frozenset({"FORWARD", "BACKWARD", "TOP", "BOTTOM", "ABOVE", "BELOW",
                              "TOP_LEFT", "TOP_RIGHT", "BOTTOM_LEFT", "BOTTOM_RIGHT", "MIDDLE"})


def _match(word: str, candidates: list[str], cutoff: float = 0.84) -> str | None:
    """A safe single replacement: same words in another order, British spelling, or one
    clearly closest candidate (a typo)."""
    same = [c for c in candidates if _words(c) == _words(word)]
    if len(same) == 1:
        return same[0]
    # a name cut short (add_fixed_in_frame -> add_fixed_in_frame_mobjects): the one candidate
    # it begins, at a word boundary, with at least two words of it
    longer = [c for c in candidates if c.startswith(word + "_")]
    if len(longer) == 1 and word.count("_") >= 1:
        return longer[0]
    close = difflib.get_close_matches(word, candidates, n=2, cutoff=cutoff)
    if len(close) == 1 or (len(close) == 2 and difflib.SequenceMatcher(None, word, close[0]).ratio()
                           - difflib.SequenceMatcher(None, word, close[1]).ratio() > 0.05):
        return close[0]
    return None


class _Rewriter(ast.NodeTransformer):
    def __init__(self, issues: list[GateIssue], ns: Namespace,
                 available: frozenset[str] | None = None) -> None:
        self.issues, self.ns = issues, ns
        self.available = available if available is not None else ns.star_names
        self.imports: list[str] = []  # import lines a replacement needs
        self.fixes: list[Fix] = []
        self.calls: dict[int, ast.Call] = {}

    def _issue(self, kind: str, name: str, line: int) -> GateIssue | None:
        return next((i for i in self.issues if i.kind == kind and i.name == name and i.line == line), None)

    def _class_taking(self, cls: str, node: ast.Call, bad: list[ast.keyword]) -> tuple[str, str] | None:
        """Another class, and why, that takes the keywords ``cls`` does not: VectorField(f,
        x_range=...) draws nothing, its arrows were meant; Rectangle(corner_radius=0.2) is
        manim's RoundedRectangle."""
        if not (isinstance(node.func, ast.Name) and node.func.id == cls):
            return None
        drawn = renames.DRAWN.get(cls)
        if drawn and (key := self.ns.class_key(drawn)) and all(k.arg in self.ns.init_params(key)[0] for k in bad):
            return drawn, f"{cls}(...) -> {drawn}(...) ({cls} draws nothing)"
        if sub := _taking_subclass(cls, node, self.ns):
            named = ", ".join(f"{k.arg}=" for k in bad)
            return sub, f"{cls}({named}) -> {sub}({named}): the {cls} that takes it"
        return None

    def _animation_colour(self, call: ast.Call, colour: ast.expr) -> ast.Call | None:
        """``Anim(m, ...)`` given ``color=colour``, when Anim is an animation that takes it and
        has no colour yet."""
        name = call.func.id if isinstance(call.func, ast.Name) else ""
        key = self.ns.class_key(name)
        if (key is None or not self.ns.is_animation(name) or "color" not in self.ns.init_params(key)[0]
                or any(k.arg == "color" for k in call.keywords)):
            return None
        self.fixes.append(Fix(call.lineno, "renamed_api", f"{name}(...).set_color(c) -> {name}(..., color=c) "
                                                          "(an animation has no set_color)"))
        self.issues = [i for i in self.issues if not (i.kind == "unknown_attribute" and i.name == "set_color"
                                                      and i.line == call.lineno)]
        call.keywords.append(ast.keyword("color", colour))
        return call

    # Unknown names: renamed APIs, moved constants, typos.
    def visit_Name(self, node: ast.Name) -> ast.AST:
        issue = self._issue("unknown_name", node.id, node.lineno)
        if issue is None:
            return node
        if node.id in renames.EXPRESSIONS:
            new = renames.EXPRESSIONS[node.id]
            self.fixes.append(Fix(node.lineno, "renamed_api", f"{node.id} -> {new}"))
            return pyparse.parse(new, mode="eval").body
        if (node.id not in renames.NAMES and isinstance(node.ctx, ast.Load)
                and node.id in self.ns.modules.get("numpy", ()) and node.id.islower()):
            # a bare math function (sin, sqrt, linspace...): numpy's, which takes arrays too
            self.fixes.append(Fix(node.lineno, "import", f"{node.id} -> np.{node.id}"))
            return ast.copy_location(ast.Attribute(value=ast.Name("np", ast.Load()), attr=node.id,
                                                   ctx=ast.Load()), node)
        if node.id not in renames.NAMES and isinstance(node.ctx, ast.Load) and node.id in _MATH_FUNCTIONS:
            # one numpy has not (factorial, comb, erf): the math module's (`import math` follows)
            self.fixes.append(Fix(node.lineno, "import", f"{node.id} -> math.{node.id}"))
            return ast.copy_location(ast.Attribute(value=ast.Name("math", ast.Load()), attr=node.id,
                                                   ctx=ast.Load()), node)
        new = renames.NAMES.get(node.id)
        category = "renamed_api"
        if new is None or new not in self.available:
            # Typos only among classes, functions and constants: a module is never what was meant.
            # (a direction word is no misspelt colour: BOTTOM is no BOTTLE_GREEN)
            pool = ([] if node.id in _DIRECTION_WORDS else self.ns.colors) if node.id.isupper() else sorted(
                n for n, e in self.ns.star.items() if e["kind"] != "module" and n in self.available)
            new, category = _match(node.id, pool), "close_match"
            if new is not None and node.id[:1].islower() and new[:1].isupper() and isinstance(node.ctx, ast.Load):
                new = None  # `polyhedron` (a variable never made) is no typo of the class `Polyhedron`
            if new is None and node.id[:1].isupper() and not node.id.isupper():
                # a slip on an old name (CircleIndicator for CircleIndicate): its new name
                old = _match(node.id, [k for k, v in renames.NAMES.items() if v in self.available])
                if old is not None:
                    self.fixes.append(Fix(node.lineno, "renamed_api",
                                          f"{node.id} -> {renames.NAMES[old]} (the old {old})"))
                    return ast.copy_location(ast.Name(id=renames.NAMES[old], ctx=node.ctx), node)
            if new is None and node.id.isupper():
                new = graded(node.id, self.ns)
            if (new is None and node.id.isupper() and "XKCD" in self.available
                    and (key := node.id.replace("_", "")) in self.ns.xkcd):
                # BLUE_GREY: a colour manim has under its xkcd name, not among its own
                self.fixes.append(Fix(node.lineno, "renamed_api", f"{node.id} -> XKCD.{key}"))
                return ast.copy_location(ast.Attribute(value=ast.Name("XKCD", ast.Load()), attr=key,
                                                       ctx=node.ctx), node)
        if new is None:
            return node
        self.fixes.append(Fix(node.lineno, category, f"{node.id} -> {new}"))
        return ast.copy_location(ast.Name(id=new, ctx=node.ctx), node)

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        issue = self._issue("unknown_attribute", node.attr, node.lineno)
        if issue is None:
            return node
        if node.attr in renames.ACCESSORS and isinstance(node.ctx, ast.Load):
            new = renames.ACCESSORS[node.attr]
            self.fixes.append(Fix(node.lineno, "renamed_api", f".{node.attr} -> .{new}()"))
            return ast.Call(func=ast.Attribute(value=node.value, attr=new, ctx=ast.Load()),
                            args=[], keywords=[])
        if issue.owner in ("np", "numpy") and node.attr in renames.NUMPY:
            # removed from numpy 2 (NEP 52): the alias's builtin or module, or the new name
            new_expr = renames.NUMPY[node.attr].replace("np.", f"{issue.owner}.")
            self.fixes.append(Fix(node.lineno, "renamed_api", f"{issue.owner}.{node.attr} -> {new_expr}"))
            if new_expr in renames.IMPORTS:  # np.math -> math: imported in the same step
                self.imports.append(renames.IMPORTS[new_expr])
            return ast.copy_location(pyparse.parse(new_expr, mode="eval").body, node)
        accessor = self._accessor(node, issue.owner)
        if accessor is not None:
            return accessor
        new = renames.METHODS.get(node.attr)
        category = "renamed_api"
        if new is None:
            # ManimGL's name for it (the derived and curated API map): confirmed below
            entry = load_gl_map().method(node.attr)
            if entry is not None and entry.decision in ("renamed", "moved", "same") and entry.ce \
                    and entry.ce.isidentifier() and not entry.rule and not entry.template:
                new, category = entry.ce, "manimgl"
        if new is None:
            pool = list(issue.suggestions)
            new, category = (_match(node.attr, pool) if pool else None), "close_match"
        if new is None:
            return node
        # Never worse: the new name must exist on that type and take this call's arguments.
        if not self._confirmed(issue.owner, new, self.calls.get(id(node))):
            return node
        self.fixes.append(Fix(node.lineno, category, f".{node.attr} -> .{new}"))
        node.attr = new
        return node

    def _range_keyword(self, cls: str, kw: str, given: set[str | None]) -> str | None:
        """A range under another axis name: Surface(x_range=, y_range=) -> u_range=, v_range=;
        ParametricFunction(x_range=) -> t_range=. The n-th axis maps to the class's n-th range."""
        key = self.ns.class_key(cls)
        init = self.ns.classes[key]["methods"].get("__init__", {}) if key else {}
        return range_for(kw, [p for p in init.get("params", []) if p.endswith("_range")], given)

    def _accessor(self, node: ast.Attribute, owner: str | None) -> ast.AST | None:
        """A property that manim spells as a getter: ``mob.top`` -> ``mob.get_top()``,
        ``rect.bottom_left`` -> ``rect.get_corner(DL)`` (confirmed on the type)."""
        if not isinstance(node.ctx, ast.Load):
            return None
        call = self.calls.get(id(node))
        if call is not None and (call.args or call.keywords):
            return None
        corner = renames.CORNERS.get(node.attr.removeprefix("get_"))
        getter, args = (("get_corner", [ast.copy_location(ast.Name(corner, ast.Load()), node)])
                        if corner else (f"get_{node.attr}", []))
        key = self.ns.class_key(owner or "") or (owner if owner in self.ns.classes else None)
        method = self.ns.method(key, getter) if key else None
        if method is None or method.required is None or len(method.required) != len(args):
            return None  # get_axis(index) is no property: it needs an argument nobody wrote
        self.fixes.append(Fix(node.lineno, "renamed_api", f".{node.attr} -> .{getter}({corner or ''})"))
        new_attr = ast.Attribute(value=node.value, attr=getter, ctx=ast.Load())
        if call is not None:  # mob.top() -> mob.get_top(): the call is already there
            call.args = args
            return new_attr
        return ast.Call(func=new_attr, args=args, keywords=[])

    def _confirmed(self, owner: str | None, name: str, call: ast.Call | None) -> bool:
        """The index confirms ``owner.name`` (and, when called, that it accepts the call)."""
        key = self.ns.class_key(owner or "") or (owner if owner in self.ns.classes else None)
        if key is None or not self.ns.has_attr(key, name):
            return False
        if call is None:
            return True
        method = self.ns.method(key, name)
        if method is None:
            return False  # an attribute that is not a method cannot be called
        params = self.ns.method_params(key, name)
        if params and not params[1] and any(k.arg and k.arg not in params[0] for k in call.keywords):
            return False
        positional = [p for p in method.params if p not in {k.arg for k in call.keywords}]
        if (method.required and not any(isinstance(a, ast.Starred) for a in call.args)
                and not any(k.arg is None for k in call.keywords)
                and len(set(method.required) - {k.arg for k in call.keywords}) > len(call.args)):
            return False  # remove_updaters() -> remove_updater(): it needs an argument not given
        return "*" in method.sig.split("->")[0] or len(call.args) <= len(positional)

    def visit_keyword(self, node: ast.keyword) -> ast.AST:
        # Rotate(m, axis=Z): the axis by its letter; manim names it X_AXIS, Y_AXIS, Z_AXIS
        v = node.value
        if (node.arg == "axis" and isinstance(v, ast.Name) and v.id in ("X", "Y", "Z")
                and f"{v.id}_AXIS" in self.available and self._issue("unknown_name", v.id, v.lineno)):
            self.fixes.append(Fix(v.lineno, "renamed_api", f"axis={v.id} -> axis={v.id}_AXIS"))
            node.value = ast.copy_location(ast.Name(f"{v.id}_AXIS", ast.Load()), v)
            return node
        # Dot(color=yellow): a colour by its name in lower case, never defined in the file
        if (node.arg and "color" in node.arg and isinstance(v, ast.Name) and v.id.islower()
                and v.id.upper() in self.ns.colors and v.id.upper() in self.available
                and self._issue("unknown_name", v.id, v.lineno)):
            self.fixes.append(Fix(v.lineno, "renamed_api", f"{node.arg}={v.id} -> {node.arg}={v.id.upper()}"))
            node.value = ast.copy_location(ast.Name(v.id.upper(), ast.Load()), v)
            return node
        self.generic_visit(node)
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        """LaTeX in an f-string: ``f"\\begin{bmatrix} {a} \\end{bmatrix}"`` reads ``{bmatrix}`` as
        a Python expression. A braced name right after a LaTeX command that the gate found
        undefined was meant literally: its braces are doubled."""
        values: list[ast.AST] = []
        for part in node.values:
            prev = values[-1] if values else None
            if (isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name)
                    and part.conversion == -1 and part.format_spec is None
                    and isinstance(prev, ast.Constant) and isinstance(prev.value, str)
                    # a command, or one whose backslash a non-raw string ate (\b of \begin)
                    and re.search(r"(\\[A-Za-z]+|[\a\b\f\v\r\t][A-Za-z]*)\s*$", prev.value)
                    and self._issue("unknown_name", part.value.id, part.value.lineno)):
                prev.value += "{" + part.value.id + "}"
                self.fixes.append(Fix(node.lineno, "latex_error",
                                      f"{{{part.value.id}}} in an f-string is LaTeX: braces doubled"))
                self.issues = [i for i in self.issues if i.name != part.value.id]
                continue
            if isinstance(part, ast.Constant) and isinstance(prev, ast.Constant):
                prev.value += part.value
                continue
            values.append(part)
        node.values = values
        self.generic_visit(node)
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        issue = self._issue("bad_colour", str(node.value), node.lineno)
        if issue is None or not issue.suggestions:
            return node
        new = issue.suggestions[0]
        self.fixes.append(Fix(node.lineno, "bad_colour", f"colour '{node.value}' -> '{new}'"))
        return ast.copy_location(ast.Constant(new), node)

    def visit_Tuple(self, node: ast.Tuple) -> ast.AST:
        self.generic_visit(node)
        if self._issue("bad_colour", "tuple", node.lineno) is None:
            return node
        # A list would be read as several colours (a gradient): make it one colour.
        self.fixes.append(Fix(node.lineno, "bad_colour", "colour tuple -> rgb_to_color([...])"))
        return ast.copy_location(ast.Call(func=ast.Name("rgb_to_color", ast.Load()),
                                          args=[ast.List(elts=node.elts, ctx=ast.Load())],
                                          keywords=[]), node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        func = node.func
        self.calls[id(func)] = node  # visit_Attribute checks a renamed method against its call
        # mob.bring_to_front() -> self.bring_to_front(mob)
        if (isinstance(func, ast.Attribute) and func.attr in renames.SCENE_METHODS
                and self._issue("unknown_attribute", func.attr, func.lineno)):
            method = renames.SCENE_METHODS[func.attr]
            self.fixes.append(Fix(node.lineno, "renamed_api",
                                  f"mobject.{func.attr}() -> self.{method}(mobject)"))
            self.issues = [i for i in self.issues if i.name != func.attr]
            return ast.Call(func=ast.Attribute(value=ast.Name("self", ast.Load()), attr=method,
                                               ctx=ast.Load()), args=[func.value, *node.args],
                            keywords=node.keywords)
        # ShowCreationThenFadeOut(x) -> Succession(Create(x), FadeOut(x))
        # (only for a plain reference: the template names it twice, and `Square()` twice would
        # be two squares, the first left on screen)
        if (isinstance(func, ast.Name) and func.id in renames.COMPOSED and node.args
                and isinstance(node.args[0], (ast.Name, ast.Attribute, ast.Subscript))
                and self._issue("unknown_name", func.id, func.lineno)):
            template = renames.COMPOSED[func.id]
            new = pyparse.parse(template.format(ast.unparse(node.args[0])), mode="eval").body
            self.fixes.append(Fix(node.lineno, "renamed_api", f"{func.id}(x) -> {template.format('x')}"))
            self.issues = [i for i in self.issues if i.name != func.id]
            return ast.copy_location(new, node)
        # Color(rgb=c) -> ManimColor.from_rgb(c)
        if (isinstance(func, ast.Name) and func.id == "Color" and not node.args and len(node.keywords) == 1
                and node.keywords[0].arg in renames.COLOUR_FACTORIES
                and self._issue("unknown_name", "Color", func.lineno)):
            factory = renames.COLOUR_FACTORIES[node.keywords[0].arg or ""]
            self.fixes.append(Fix(node.lineno, "renamed_api", f"Color({node.keywords[0].arg}=...) -> {factory}(...)"))
            self.issues = [i for i in self.issues if not (i.kind == "unknown_name" and i.name == "Color"
                                                          and i.line == func.lineno)]
            return ast.copy_location(ast.Call(pyparse.parse(factory, mode="eval").body,
                                              [self.visit(node.keywords[0].value)], []), node)
        self.generic_visit(node)
        func = node.func
        # Indicate(m).set_color(RED): a mobject's method on an animation -> Indicate(m, color=RED)
        if (isinstance(func, ast.Attribute) and func.attr == "set_color" and len(node.args) == 1
                and not node.keywords and isinstance(func.value, ast.Call)
                and self._issue("unknown_attribute", "set_color", func.lineno) is not None
                and (styled := self._animation_colour(func.value, node.args[0])) is not None):
            return styled
        # FadeInFrom(m, UP) -> FadeIn(m, shift=UP) and the like.
        if isinstance(func, ast.Name) and func.id in renames.SHIFTED and self._issue(
                "unknown_name", func.id, func.lineno):
            new, kw, default = renames.SHIFTED[func.id]
            value = node.args[1] if len(node.args) > 1 else (
                pyparse.parse(default, mode="eval").body if default else None)
            node.args = node.args[:1]
            if value is not None and not any(k.arg == kw for k in node.keywords):
                node.keywords.append(ast.keyword(arg=kw, value=value))
            node.keywords = [ast.keyword(arg="scale", value=k.value) if k.arg == "scale_factor" else k
                             for k in node.keywords]
            self.fixes.append(Fix(node.lineno, "renamed_api", f"{func.id}(...) -> {new}(..., {kw}=...)"))
            node.func = ast.copy_location(ast.Name(id=new, ctx=ast.Load()), func)
            self.issues = [i for i in self.issues if not (i.kind == "unknown_name" and i.name == func.id)]
            return node
        bad = [k for k in node.keywords if k.arg and self._issue("unknown_kwarg", k.arg, k.value.lineno)]
        if not bad:
            return node
        owner = bad and self._issue("unknown_kwarg", bad[0].arg or "", bad[0].value.lineno).owner or ""
        cls = owner.split(".")[0]
        if (switch := self._class_taking(cls, node, bad)) is not None:
            node.func = ast.copy_location(ast.Name(switch[0], ast.Load()), node.func)
            self.fixes.append(Fix(node.lineno, "renamed_api", switch[1]))
            self.issues = [i for i in self.issues if not (i.kind == "unknown_kwarg" and i.line == node.lineno
                                                          and (i.owner or "").split(".")[0] == cls)]
            return node
        # Axes(x_min=0, x_max=5) -> Axes(x_range=[0, 5])
        for new_kw, (lo, hi) in {**_range_pairs(cls, bad, self.ns), **renames.RANGES.get(cls, {})}.items():
            found = {k.arg: k for k in node.keywords if k.arg in (lo, hi)}
            if found and new_kw not in {k.arg for k in node.keywords}:
                ends = _range_default(cls, new_kw, self.ns) or (
                    [ast.Constant(-5), ast.Constant(5)] if "x" in lo else [ast.Constant(-3), ast.Constant(3)])
                low = found[lo].value if lo in found else ends[0]
                high = found[hi].value if hi in found else ends[1]
                node.keywords = [k for k in node.keywords if k.arg not in (lo, hi)]
                node.keywords.append(ast.keyword(arg=new_kw, value=ast.List(elts=[low, high], ctx=ast.Load())))
                self.fixes.append(Fix(node.lineno, "renamed_api", f"{cls}({lo}=, {hi}=) -> {new_kw}=[...]"))
                bad = [k for k in bad if k.arg not in (lo, hi)]
        bad = _into_config(node, bad, cls, self.fixes)
        method = owner.split(".", 1)[1] if "." in owner else "__init__"
        accepted = _accepted(cls, method, self.ns)
        anywhere = {old: new for old, new in renames.KWARGS["*"].items() if accepted is None or new in accepted}
        table = {**_gl_keywords(cls, self.ns), **anywhere, **renames.KWARGS.get(cls, {})}
        required = _required_by_position(node, [k for k in bad if k.arg not in table], self.ns, cls, method)
        for k in bad:
            issue = self._issue("unknown_kwarg", k.arg or "", k.value.lineno)
            if k.arg in _ANIMATION_KWARGS and (animate := _animate_of(node)) is not None:
                # mob.animate.rotate(PI, run_time=3): the animation's, as mob.animate(run_time=3)
                node.keywords.remove(k)
                animate.keywords.append(k)
                self.fixes.append(Fix(node.lineno, "renamed_api",
                                      f".animate.{ast.unparse(node.func).rsplit('.', 1)[-1]}({k.arg}=) -> .animate({k.arg}=)"))
                continue
            new = table.get(k.arg or "") or required.get(k.arg or "")
            category = "renamed_api"
            if new is None and (k.arg or "").endswith("_range"):
                new = self._range_keyword(cls, k.arg or "", {kw.arg for kw in node.keywords})
            if new is None:
                new, category = _match(k.arg or "", list(issue.suggestions) if issue else []), "close_match"
            if new is None:
                new, category = _own_longer(cls, k.arg or "", self.ns, method), "close_match"
            if new is None and accepted:
                new, category = _method_word(method, k.arg or "", accepted), "close_match"
            if new is None and (at := _by_position(node, k, bad, cls, method, self.ns)) is not None:
                # shift(vector=UP): the parameter is *vectors, given by position only
                node.keywords.remove(k)
                node.args.insert(at, k.value)
                self.fixes.append(Fix(node.lineno, "renamed_api", f"{owner}({k.arg}=...) -> by position"))
                continue
            if new is not None and new not in {kw.arg for kw in node.keywords}:
                if category == "renamed_api" and trim_step(new, k):
                    self.fixes.append(Fix(node.lineno, "renamed_api",
                                          f"{new}: the step dropped (a surface samples by resolution=)"))
                if new == "font_size" and isinstance(k.value, ast.Constant) and isinstance(
                        k.value.value, (int, float)) and k.value.value <= 4:
                    k.value = ast.Constant(round(k.value.value * 48))  # old size was a scale of 48
                self.fixes.append(Fix(node.lineno, category, f"{owner}({k.arg}=) -> {new}="))
                k.arg = new
            elif _still_complete(node, k, self.ns, cls, method):
                node.keywords.remove(k)
                self.fixes.append(Fix(node.lineno, "dropped_kwarg",
                                      f"removed {k.arg}= from {owner}() (it has no such argument)"))
        return node


def _into_config(call: ast.Call, bad: list[ast.keyword], cls: str, fixes: list[Fix]) -> list[ast.keyword]:
    """``Code(font_size=20)`` -> ``Code(paragraph_config={"font_size": 20})``: keywords the class
    now reads from a config dict go into it (into the call's own dict literal when it has one).
    Returns the keywords still unknown."""
    moved = renames.INTO_CONFIG.get(cls, {})
    left = []
    for k in bad:
        if k.arg not in moved:
            left.append(k)
            continue
        target, key = moved[k.arg]
        holder = next((kw for kw in call.keywords if kw.arg == target), None)
        if holder is None:
            holder = ast.keyword(arg=target, value=ast.Dict(keys=[], values=[]))
            call.keywords.append(holder)
        elif not isinstance(holder.value, ast.Dict):
            left.append(k)  # a dict built elsewhere: not merged into
            continue
        if any(isinstance(e, ast.Constant) and e.value == key for e in holder.value.keys):
            left.append(k)
            continue
        holder.value.keys.append(ast.Constant(key))
        holder.value.values.append(k.value)
        call.keywords.remove(k)
        fixes.append(Fix(call.lineno, "renamed_api", f"{cls}({k.arg}=) -> {target}={{{key!r}: ...}}"))
    return left


def _own_longer(cls: str, kw: str, ns: Namespace, method: str = "__init__") -> str | None:
    """A parameter of the class's own constructor (or the method's own) that ``kw`` is the
    first word of, when only one is: ``Square(side=)`` is ``side_length=``, ``Axes(axis=)``
    ``axis_config=``, ``rotate(about=)`` ``about_point=``."""
    key = ns.class_key(cls)
    sig = ns.method(key, method) if key else None
    longer = [p for p in (sig.params if sig else ()) if p.startswith(kw + "_")]
    return longer[0] if len(longer) == 1 and len(kw) >= 3 else None


def _accepted(cls: str, method: str, ns: Namespace) -> set[str] | None:
    """The keywords the call takes, when the index knows them all."""
    key = ns.class_key(cls)
    if key is None:
        return None
    names, open_ = ns.init_params(key) if method == "__init__" else (ns.method_params(key, method) or (set(), True))
    return None if open_ else names


def _method_word(method: str, kw: str, accepted: set[str]) -> str | None:
    """``set_fill(fill_color=)``: the keyword repeats a word of the method's name; without it
    it is one the method takes (``color``)."""
    first, _, rest = kw.partition("_")
    return rest if rest in accepted and first in method.split("_") else None


def _by_position(call: ast.Call, k: ast.keyword, bad: list[ast.keyword], cls: str, method: str,
                 ns: Namespace) -> int | None:
    """Where to put a lone unknown keyword's value as an argument: the method takes its values
    as ``*args`` (``shift(*vectors)``) and the call gives none by position."""
    key = ns.class_key(cls)
    sig = ns.method(key, method) if key else None
    if sig is None or sig.varargs is None or call.args or len(bad) != 1:
        return None
    words = set(sig.varargs.rstrip("s").split("_"))
    return 0 if words & set((k.arg or "").rstrip("s").split("_")) else None


def _taking_subclass(cls: str, call: ast.Call, ns: Namespace) -> str | None:
    """The one manim class named for ``cls`` and built on it (``RoundedRectangle`` for
    ``Rectangle``, ``DashedLine`` for ``Line``) that takes every keyword of the call."""
    key = ns.class_key(cls)
    if key is None or call.args and any(isinstance(a, ast.Starred) for a in call.args):
        return None
    given = {k.arg for k in call.keywords}
    if None in given:
        return None
    found = []
    for name in ns.manim_names:
        sub = ns.class_key(name) if name != cls and name.endswith(cls) else None
        if sub is None or key not in ns.classes[sub]["mro"]:
            continue
        params, open_ = ns.init_params(sub)
        init = ns.method(sub, "__init__")
        # values by position must reach the same parameters: DashedLine(*args) hands them to
        # Line, LabeledArrow(*args) to LabeledLine, whose first is the label
        passes_on = init is not None and init.varargs and ns.classes[sub]["mro"][1] == key
        if not open_ and given <= params and (not call.args or passes_on):
            found.append((ns.classes[sub]["mro"].index(key), name))
    # the nearest: SurroundingRectangle, built on RoundedRectangle, takes corner_radius too
    nearest = [name for depth, name in found if depth == min(found)[0]] if found else []
    return nearest[0] if len(nearest) == 1 else None


def _range_pairs(cls: str, bad: list[ast.keyword], ns: Namespace) -> dict[str, tuple[str, str]]:
    """``u_min=``/``u_max=`` where the class takes ``u_range=`` (Surface, ParametricFunction
    and any other): the older API's pair of bounds, read off the class's own parameters."""
    key = ns.class_key(cls)
    accepted = ns.init_params(key)[0] if key else set()
    bases = {k.arg[:-4] for k in bad if k.arg and k.arg.endswith(("_min", "_max"))}
    return {f"{b}_range": (f"{b}_min", f"{b}_max") for b in sorted(bases) if f"{b}_range" in accepted}


def _range_default(cls: str, kw: str, ns: Namespace) -> list[ast.expr] | None:
    """The two ends of the class's default for ``kw`` (``Surface``'s ``u_range=(0, 1)``), for
    a range given only one of its bounds."""
    key = ns.class_key(cls)
    sig = ns.method(key, "__init__") if key else None
    default = sig.default(kw) if sig is not None else None
    if isinstance(default, (ast.List, ast.Tuple)) and len(default.elts) >= 2:
        return list(default.elts[:2])
    return None


def _gl_keywords(cls: str, ns: Namespace) -> dict[str, str]:
    """ManimGL's keyword names for this class (``Axes(width=)``, ``Tex(t2c=)``) that the GL
    map renames to one the Community class takes: models write them in Community code too."""
    key = ns.class_key(cls)
    if key is None:
        return {}
    accepted = ns.init_params(key)[0]
    return {name: e.ce for name, e in load_gl_map().kwargs.get(cls, {}).items()
            if e.decision == "renamed" and e.ce in accepted and not e.lossy and not e.gl_only}


_ANIMATION_KWARGS = frozenset({"run_time", "rate_func", "lag_ratio"})


def _animate_of(call: ast.Call) -> ast.Call | None:
    """In ``mob.animate.a(...).b(...)``, the ``mob.animate`` made a call (``mob.animate()``),
    so that keywords can be given to it; None when the call is not on ``.animate``."""
    node = call.func
    while isinstance(node, (ast.Attribute, ast.Call)):
        inner = node.func if isinstance(node, ast.Call) else node.value
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and inner.func.attr == "animate":
            return inner
        if isinstance(inner, ast.Attribute) and inner.attr == "animate":
            made = ast.Call(func=inner, args=[], keywords=[])
            if isinstance(node, ast.Call):
                node.func = made
            else:
                node.value = made
            return made
        node = inner
    return None


def _still_complete(call: ast.Call, dropped: ast.keyword, ns: Namespace, cls: str, method: str) -> bool:
    """Whether the call still gives every parameter the callee requires once ``dropped`` is
    gone: ``Color(hue=h)`` renamed to ``ManimColor`` must not become ``ManimColor()``, which
    fails on its missing value (never worse: the keyword is then left for the report)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return True
    return not _missing_required(call, ns, cls, method, without=dropped)


def _missing_required(call: ast.Call, ns: Namespace, cls: str, method: str,
                      without: ast.keyword | None = None) -> list[str]:
    """The parameters the callee requires that the call (less ``without``) does not give."""
    key = ns.class_key(cls)
    sig = ns.method(key, method) if key else None
    required = sig.required if sig is not None else None
    if not required:
        return []
    given = {k.arg for k in call.keywords if k is not without} | set(required[:len(call.args)])
    return [p for p in required if p not in given]


def _required_by_position(call: ast.Call, unknown: list[ast.keyword], ns: Namespace,
                          cls: str, method: str = "__init__") -> dict[str, str]:
    """Invented names for the parameters a constructor requires: ``CubicBezier(start_point=,
    control1=, control2=, end_point=)`` where manim wants ``start_anchor, start_handle,
    end_handle, end_anchor``. Paired in order when there are as many as are missing and the
    names do not agree better with another parameter than with their pair; a lone one must
    share a word or be a prefix (``mob=`` for ``mobject``)."""
    missing = _missing_required(call, ns, cls, method) if unknown else []
    if not missing or len(missing) != len(unknown):
        return {}
    pairs = list(zip((k.arg or "" for k in unknown), missing, strict=True))
    for old, new in pairs:
        shared = len(_words(old) & _words(new))
        if any(len(_words(old) & _words(m)) > shared for m in missing):
            return {}  # the name agrees better with another parameter: the order is not it
        if len(pairs) == 1 and not (shared or new.startswith(old)):
            return {}
    return dict(pairs)


_AXIS_INDEX = {"x": 0, "u": 0, "t": 0, "y": 1, "v": 1, "z": 2, "w": 2}


def range_for(kw: str, ranges: list[str], given: set[str | None]) -> str | None:
    """The range parameter (of ``ranges``, in order) that ``kw`` names under another axis's
    name: the n-th axis's range is the n-th one (x_range -> u_range, y_range -> v_range)."""
    index = _AXIS_INDEX.get(kw[0]) if kw.endswith("_range") and kw.count("_") == 1 else None
    if index is None or index >= len(ranges) or ranges[index] in given or ranges[index] == kw:
        return None
    return ranges[index]


# A surface's ranges are (min, max): it samples them by resolution=, not by a step.
TWO_ENDS = frozenset({"u_range", "v_range"})


def trim_step(new: str, k: ast.keyword) -> bool:
    """``x_range=[a, b, step]`` renamed to a surface's ``u_range``: keep ``[a, b]``."""
    if new in TWO_ENDS and isinstance(k.value, (ast.List, ast.Tuple)) and len(k.value.elts) == 3:
        k.value.elts = k.value.elts[:2]
        return True
    return False
