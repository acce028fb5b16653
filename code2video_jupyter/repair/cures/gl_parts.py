"""ManimGL's lookups of a formula's or a text's parts by what they say, for Manim Community:
``equation["x"]`` and ``equation[re.compile(...)]`` (3b1b's scenes index formulas by their
text everywhere), ``words["quick"]`` on a ``Text``, and ``tex.make_number_changeable("0.00")``.
Each becomes manim's lookup of an isolated part (tex_parts.py isolates it) or the scaffold's
ManimGL-style lookup where a part cannot be isolated."""

from __future__ import annotations

import ast
import re

from ..namespace import Namespace
from .edit import (
    Cure,
    StatementFixer,
    call_name,
    chain_root,
    parse,
    replace_statements,
    rewrite_each,
    rewrite_everywhere,
    rewrite_headers,
    simple_statements,
    with_import,
)
from .points import bound_key, bound_values
from .tex_parts import (
    CHANGEABLE,
    FORMULA_PART,
    FORMULA_PART_IMPORT,
    counted_lookups,
    formula_call,
    isolate_parts,
)

_STRING_INDEX = "indices must be integers or slices, not str"
_PATTERN_INDEX = "indices must be integers or slices, not re.Pattern"


def tex_index_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    """ManimGL's ``equation["x"]``, all the parts written ``x`` (3b1b's scenes index formulas
    by their text everywhere): in Manim Community the lookup by tex (``get_parts_by_tex``, or
    since 0.20 ``get_part_by_tex``, which gives every glyph of the part), with ``"x"``
    isolated in the formula's constructor so that the lookup finds it."""
    key = ns.class_key("MathTex")
    lookup = "get_parts_by_tex" if key and ns.has_attr(key, "get_parts_by_tex") else "get_part_by_tex"
    if _STRING_INDEX not in message and _PATTERN_INDEX not in message:
        return None
    tree = parse(source)
    if tree is None:
        return None
    formulas = {name for name, values in bound_values(tree).items()
                if values and all(formula_call(v) is not None for v in values)}
    names: set[str] = set()

    class _ByText(ast.NodeTransformer):
        def __init__(self) -> None:
            self.done: list[str] = []

        def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
            self.generic_visit(node)
            key = bound_key(node.value)
            if _is_pattern(node.slice) and isinstance(node.ctx, ast.Load) and key in formulas:
                # equation[re.compile(r"\w\^2")]: every place the pattern matches
                self.done.append(f"{key}[{ast.unparse(node.slice)}] -> {FORMULA_PART}({key}, ...)")
                return ast.copy_location(ast.Call(ast.Name(FORMULA_PART, ast.Load()), [node.value, node.slice], []),
                                         node)
            if not (isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)
                    and isinstance(node.ctx, ast.Load) and key in formulas):
                return node
            names.add(key)
            self.done.append(f"{key}[{node.slice.value!r}] -> {key}.{lookup}({node.slice.value!r})")
            return ast.copy_location(ast.Call(ast.Attribute(node.value, lookup, ast.Load()),
                                              [node.slice], []), node)

    def change(stmt: ast.stmt) -> list[str]:
        fixer = _ByText()
        fixer.visit(stmt)
        return fixer.done

    def change_header(expr: ast.expr) -> tuple[ast.expr, list[str]]:
        fixer = _ByText()
        return fixer.visit(expr), fixer.done

    # for part in equation["x"]: the headers first, in their text (their lines stay where
    # they are), then the statements
    source, header_fixes = rewrite_headers(source, tree, change_header, "tex_parts")
    tree = parse(source) if header_fixes else tree
    if tree is None:
        return None
    edits, fixes = rewrite_each(simple_statements(tree), change, "tex_parts")
    if not edits and not header_fixes:
        return None
    text = replace_statements(source, edits)
    fixes = header_fixes + fixes
    new_tree = parse(text)
    if new_tree is not None:
        text, isolated = isolate_parts(text, new_tree, names)
        fixes += isolated
    cure = counted_lookups(Cure("formula indexed by its text", text, fixes), names)
    if cure is not None and f"{FORMULA_PART}(" in cure.source:
        cure = with_import(cure, FORMULA_PART_IMPORT)
    return cure


def _is_pattern(node: ast.AST) -> bool:
    """``re.compile(...)``"""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "re")


_TEXT_PART_IMPORT = "from code2video_jupyter.scaffold.text import text_part"
_GL_LOOKUPS = ("get_part_by_text", "get_parts_by_text")
_LOOKUP_CALL = re.compile(r"getter\(\) takes 1 positional argument|no attribute 'get_parts?_by_text'")


def text_index_cure(source: str, message: str, line: int | None) -> Cure | None:
    """ManimGL's ``words["quick"]`` on a ``Text`` (its parts selected by what they say): Manim
    Community's Text has no such lookup, so the scaffold's ``text_part(words, "quick")`` gives
    the same glyphs (every place the part is written; none where it is nowhere). ManimGL's
    ``words.get_part_by_text("quick")`` is the same lookup (CE answers it with a getter of an
    attribute it has not: "getter() takes 1 positional argument")."""
    if _STRING_INDEX not in message and not _LOOKUP_CALL.search(message):
        return None
    tree = parse(source)
    if tree is None:
        return None
    texts = {name for name, values in bound_values(tree).items()
             if values and all(_text(v) for v in values)}

    def change(stmt: ast.stmt) -> list[str]:
        done: list[str] = []

        class _ByWords(ast.NodeTransformer):
            def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
                self.generic_visit(node)
                index = node.slice
                wordlike = (isinstance(index, ast.Constant) and isinstance(index.value, str)) or isinstance(
                    index, (ast.Name, ast.JoinedStr, ast.Attribute))
                if not (wordlike and isinstance(node.ctx, ast.Load)
                        and (bound_key(node.value) in texts or _text(node.value))):
                    return node
                done.append(f"{ast.unparse(node)} -> text_part({ast.unparse(node.value)}, {ast.unparse(index)})")
                return ast.copy_location(ast.Call(ast.Name("text_part", ast.Load()), [node.value, index], []), node)

            def visit_Call(self, node: ast.Call) -> ast.AST:
                self.generic_visit(node)
                func = node.func
                if not (isinstance(func, ast.Attribute) and func.attr in _GL_LOOKUPS and len(node.args) == 1
                        and not node.keywords and not isinstance(node.args[0], ast.Starred)
                        and (bound_key(func.value) in texts or _text(func.value))):
                    return node
                done.append(f"{ast.unparse(node)} -> text_part({ast.unparse(func.value)}, "
                            f"{ast.unparse(node.args[0])})")
                return ast.copy_location(ast.Call(ast.Name("text_part", ast.Load()),
                                                  [func.value, node.args[0]], []), node)

        _ByWords().visit(stmt)
        return done

    edits, fixes = rewrite_each(simple_statements(tree), change, "tex_parts")
    if not edits:
        return None
    return with_import(Cure("text indexed by its words", replace_statements(source, edits), fixes),
                       _TEXT_PART_IMPORT)


def _text(value: ast.AST) -> bool:
    """``Text(...)`` at the start of a chain (``Text("a b").scale(2)``)."""
    node = chain_root(value)
    return isinstance(node, ast.Call) and call_name(node) == "Text"


CHANGEABLE_IMPORT = f"from code2video_jupyter.scaffold.mathtext import {CHANGEABLE}"


def changeable_number_cure(source: str, message: str, line: int | None) -> Cure | None:
    """ManimGL's ``label.make_number_changeable("0.00")`` (3b1b's way to show a value inside a
    formula): Manim Community has no such method, so the scaffold's
    ``changeable_number(label, "0.00")`` puts a DecimalNumber where those glyphs were, with
    ``"0.00"`` isolated in the formula's constructor so that it can find them."""
    if "has no attribute 'make_number_changeable'" not in message or (tree := parse(source)) is None:
        return None
    names: set[str] = set()
    ported = rewrite_everywhere(source, tree, lambda: _Changeable(names), "a number made changeable in a formula")
    if ported is None:
        return None
    text, fixes = ported.source, ported.fixes
    new_tree = parse(text)
    if new_tree is not None:
        text, isolated = isolate_parts(text, new_tree, names)
        fixes += isolated
    return with_import(Cure(ported.name, text, fixes), CHANGEABLE_IMPORT)


class _Changeable(StatementFixer):
    """``eq.make_number_changeable(...)`` -> ``changeable_number(eq, ...)``; the formulas so
    changed are gathered in ``names`` (their parts are isolated next)."""

    category = "tex_parts"

    def __init__(self, names: set[str]) -> None:
        super().__init__()
        self.names = names

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        f = node.func
        if not (isinstance(f, ast.Attribute) and f.attr == "make_number_changeable"):
            return node
        if key := bound_key(f.value):
            self.names.add(key)
        self.fixes.append(f"{ast.unparse(f.value)}.make_number_changeable(...) -> {CHANGEABLE}({ast.unparse(f.value)}, ...)")
        return ast.copy_location(ast.Call(ast.Name(CHANGEABLE, ast.Load()), [f.value, *node.args], node.keywords), node)
