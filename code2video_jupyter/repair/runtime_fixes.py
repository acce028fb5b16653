"""Deterministic fixes for errors only a render reveals: a VGroup given a non-vector mobject,
LaTeX that does not compile. They act on the statement the traceback points at, with no
model call; what they cannot fix goes to the Coder."""

from __future__ import annotations

import ast
import copy
import re

from .static_fixes import Fix

TEX_CALLS = {"MathTex", "Tex", "SingleStringMathTex", "equation", "math_label", "Title",
             "BulletedList", "MathTable", "Matrix"}
MATH_CALLS = {"MathTex", "SingleStringMathTex", "equation", "math_label"}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Backslash sequences that a non-raw Python string turned into control characters.
_CONTROL = {"\a": r"\a", "\b": r"\b", "\f": r"\f", "\v": r"\v", "\r": r"\r", "\t": r"\t"}
_UNKNOWN_COMMANDS = {r"\R": r"\mathbb{R}", r"\N": r"\mathbb{N}", r"\Z": r"\mathbb{Z}",
                     r"\Q": r"\mathbb{Q}", r"\C": r"\mathbb{C}", r"\degree": r"^{\circ}",
                     r"\eps": r"\epsilon", r"\implies ": r"\Rightarrow ", r"\bold": r"\mathbf",
                     r"\tfrac": r"\frac", r"\half": r"\frac{1}{2}"}


def runtime_fix(source: str, error_type: str, message: str, line: int | None) -> tuple[str, list[Fix]] | None:
    """A fixed source and what was done, or None when no known fix applies."""
    if line is None:
        return None
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if "can be added as submobjects of VGroup" in message or (
            "VMobject" in message and "VGroup" in message):
        return _vgroup_to_group(source, tree, line)
    if "latex" in message.lower() or "dvi" in message.lower():
        return _rewrite(source, tree, line, _LatexFixer())
    if "only works for VMobjects" in message:
        return _rewrite(source, tree, line, _CreateToFadeIn())
    if "Passing Mobject methods to Scene.play is no longer supported" in message:
        return _rewrite(source, tree, line, _MethodToAnimate())
    return None


def _statement_at(tree: ast.Module, line: int) -> ast.stmt | None:
    best = None
    for node in ast.walk(tree):
        if (isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or node.lineno)
                and not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.With, ast.For, ast.If,
                                          ast.While, ast.Try))
                and (best is None or node.lineno >= best.lineno)):
            best = node
    return best


def _rewrite(source: str, tree: ast.Module, line: int, fixer: _Fixer) -> tuple[str, list[Fix]] | None:
    stmt = _statement_at(tree, line)
    if stmt is None:
        return None
    new = fixer.visit(copy.deepcopy(stmt))
    if not fixer.fixes:
        return None
    ast.fix_missing_locations(new)
    lines = source.split("\n")
    indent = re.match(r"\s*", lines[stmt.lineno - 1]).group(0)
    text = [indent + ln for ln in ast.unparse(new).split("\n")]
    lines[stmt.lineno - 1:stmt.end_lineno] = text
    return "\n".join(lines), [Fix(stmt.lineno, fixer.category, f) for f in fixer.fixes]


class _Fixer(ast.NodeTransformer):
    category = ""

    def __init__(self) -> None:
        self.fixes: list[str] = []


class _ToGroup(_Fixer):
    category = "mixed_group"

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id == "VGroup":
            self.fixes.append("VGroup -> Group (it holds a non-vector mobject)")
            node.id = "Group"
        return node


class _CreateToFadeIn(_Fixer):
    """Create/Write/Uncreate draw strokes, which only vector mobjects have (images, groups
    holding them): fade them in or out instead."""

    category = "mixed_group"
    SWAP = {"Create": "FadeIn", "Write": "FadeIn", "DrawBorderThenFill": "FadeIn",
            "Uncreate": "FadeOut", "Unwrite": "FadeOut"}

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in self.SWAP:
            self.fixes.append(f"{node.id} -> {self.SWAP[node.id]} (it only works on vector mobjects)")
            node.id = self.SWAP[node.id]
        return node


class _MethodToAnimate(_Fixer):
    """``self.play(mob.shift, UP)`` (old manim) -> ``self.play(mob.animate.shift(UP))``."""

    category = "renamed_api"

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "play" and node.args
                and isinstance(node.args[0], ast.Attribute)):
            return node
        method = node.args[0]
        animate = ast.Attribute(value=ast.Attribute(value=method.value, attr="animate", ctx=ast.Load()),
                                attr=method.attr, ctx=ast.Load())
        node.args = [ast.Call(func=animate, args=node.args[1:], keywords=[])]
        self.fixes.append(f"play(mobject.{method.attr}, ...) -> play(mobject.animate.{method.attr}(...))")
        return node


def _vgroup_to_group(source: str, tree: ast.Module, line: int) -> tuple[str, list[Fix]] | None:
    stmt = _statement_at(tree, line)
    if stmt is None:
        return None
    if "VGroup" in ast.unparse(stmt):
        return _rewrite(source, tree, line, _ToGroup())
    # `group.add(image)`: the VGroup was made where `group` was assigned.
    targets = {n.value.id for n in ast.walk(stmt) if isinstance(n, ast.Attribute)
               and isinstance(n.value, ast.Name)}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in targets
                                                 for t in node.targets)
                and "VGroup" in ast.unparse(node.value)):
            return _rewrite(source, tree, node.lineno, _ToGroup())
    return None


def fix_latex(tex: str, math: bool) -> tuple[str, list[str]]:
    """Repairs for LaTeX that fails to compile; returns the new string and what changed."""
    done: list[str] = []
    if any(c in tex for c in _CONTROL):
        tex = "".join(_CONTROL.get(c, c) for c in tex)
        done.append("restored backslashes a non-raw string had turned into control characters")
    for bad, good in _UNKNOWN_COMMANDS.items():
        if re.search(re.escape(bad) + r"(?![A-Za-z])", tex):
            tex = re.sub(re.escape(bad) + r"(?![A-Za-z])", lambda _m, g=good: g, tex)
            done.append(f"{bad} -> {good}")
    stripped = re.sub(r"\\(begin|end)\{(align|equation|eqnarray|gather)\*?\}", "", tex)
    if stripped != tex:
        tex = stripped
        done.append("removed a nested math environment (MathTex is already one)")
    for ch in "%#":
        if re.search(r"(?<!\\)" + re.escape(ch), tex):
            tex = re.sub(r"(?<!\\)" + re.escape(ch), "\\" + ch, tex)
            done.append(f"escaped {ch}")
    if not math:
        if re.search(r"(?<!\\)&", tex):
            tex = re.sub(r"(?<!\\)&", r"\\&", tex)
            done.append("escaped &")
        if "$" not in tex and re.search(r"(?<!\\)[_^]", tex):
            tex = re.sub(r"(?<!\\)_", r"\\_", tex) if not re.search(r"(?<!\\)\^", tex) else f"${tex}$"
            done.append("made sub/superscripts valid in text mode")
    opened, closed = tex.count("{") - tex.count(r"\{"), tex.count("}") - tex.count(r"\}")
    if opened > closed:
        tex += "}" * (opened - closed)
        done.append(f"closed {opened - closed} unbalanced brace(s)")
    elif closed > opened:
        for _ in range(closed - opened):
            i = tex.rfind("}")
            tex = tex[:i] + tex[i + 1:]
        done.append(f"removed {closed - opened} unmatched closing brace(s)")
    return tex, done


class _LatexFixer(_Fixer):
    category = "latex_error"

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = node.func.id if isinstance(node.func, ast.Name) else (
            node.func.attr if isinstance(node.func, ast.Attribute) else "")
        if name not in TEX_CALLS:
            return node
        strings = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        # CJK text cannot go through the LaTeX template: Pango draws every script.
        if name == "Tex" and any(_CJK.search(s.value) for s in strings):
            self.fixes.append("Tex with CJK text -> Text (LaTeX's fonts have no CJK glyphs)")
            node.func = ast.Name(id="Text", ctx=ast.Load())
            node.args = [ast.Constant("".join(s.value.replace("$", "") for s in strings))]
            node.keywords = [k for k in node.keywords if k.arg in ("color", "font_size")]
            return node
        for s in strings:
            new, done = fix_latex(s.value, math=name in MATH_CALLS)
            if done and new != s.value:
                s.value = new
                self.fixes += done
        return node
