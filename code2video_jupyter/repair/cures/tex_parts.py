"""A part of a formula looked up that was never isolated: ``eq = MathTex(r"E = mc^2")`` and then
``eq.get_part_by_tex("m").get_center()``. Since manim 0.20 the ``*_by_tex`` lookups only find
whole arguments and ``substrings_to_isolate``; anything else gives ``None`` (and
``set_color_by_tex`` silently colours nothing). The documented way is to isolate the parts, so
the cure adds every literal the file looks up on that formula to its constructor's
``substrings_to_isolate``. A part is only isolated where manim's markers cannot change what LaTeX
reads: not inside a command name, not as the argument of ``^``, ``_`` or a command."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import (
    Cure,
    call_name,
    chain_root,
    failing_statement,
    parse,
    replace_statements,
    rewrite_each,
    rewrite_headers,
    simple_statements,
    with_import,
)
from .points import bound_key, bound_values

_NONE = re.compile(r"NoneType|\bNone\b")
_LOOKUPS = frozenset({"get_part_by_tex", "get_parts_by_tex", "set_color_by_tex",
                      "set_opacity_by_tex", "index_of_part_by_tex"})
_FORMULAS = frozenset({"MathTex", "Tex", "SingleStringMathTex"})
_CONTROL_WORD = re.compile(r"\\[A-Za-z]+$")
_CHANGEABLE = "changeable_number"


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def isolable(tex: str, part: str) -> bool:
    """Whether markers around every occurrence of ``part`` in ``tex`` leave the LaTeX as it was."""
    if not part.strip() or part not in tex or not _balanced(part):
        return False
    start = 0
    while (i := tex.find(part, start)) >= 0:
        before, after = tex[:i], tex[i + len(part):]
        if part[0].isalpha() and re.search(r"\\[A-Za-z]*$", before):
            return False  # "x" inside "\exp"
        if re.search(r"[\^_]\s*$", before):
            return False  # a script would take the marker as its argument
        if _CONTROL_WORD.search(before) or (part[0] in "{[" and re.search(r"\\[A-Za-z]+\s*$", before)):
            return False  # "{1}" after "\frac": the command would take the marker
        if _CONTROL_WORD.search(part) and after[:1].isalpha() or (
                _CONTROL_WORD.search(part) and after.lstrip()[:1] in ("{", "[")):
            return False  # "\mu" as the start of "\mul...", or a command cut from its argument
        start = i + len(part)
    return True


_BARE_SCRIPT = re.compile(r"([\^_])(\s*)(\\[A-Za-z]+|[^\s{}\\])")


def brace_scripts(tex: str) -> str:
    """``x^2`` written ``x^{2}`` (the same for LaTeX): a script's argument in braces of its own,
    where an isolated part's markers can go."""
    return _BARE_SCRIPT.sub(r"\1{\3}", tex)


def _formula(value: ast.AST) -> ast.Call | None:
    """``MathTex(...)`` at the start of an assigned chain (``MathTex(...).scale(2)``)."""
    node = chain_root(value)
    return node if isinstance(node, ast.Call) and call_name(node) in _FORMULAS else None


def _isolated(call: ast.Call) -> tuple[list[str], ast.keyword | None] | None:
    """What the constructor isolates already (arguments, substrings, colour map keys) and its
    ``substrings_to_isolate`` keyword; None when it cannot be read from the text."""
    known = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    keyword = None
    for kw in call.keywords:
        if kw.arg == "substrings_to_isolate":
            if not isinstance(kw.value, (ast.List, ast.Tuple)):
                return None
            keyword = kw
            known += [e.value for e in kw.value.elts if isinstance(e, ast.Constant)]
        elif kw.arg == "tex_to_color_map" and isinstance(kw.value, ast.Dict):
            known += [k.value for k in kw.value.keys if isinstance(k, ast.Constant)]
        elif kw.arg is None:
            return None  # **options may isolate anything
    return known, keyword


def _passed(tree: ast.AST, func: ast.FunctionDef, param: str) -> list[str] | None:
    """The strings passed as ``param`` at every call of ``func`` in the file (``highlight("a")``,
    ``self.highlight("a")``); None when one call passes something else."""
    names = [a.arg for a in func.args.args]
    if param not in names:
        return None
    out: list[str] = []
    for node in pyparse.walk(tree):
        if not (isinstance(node, ast.Call) and call_name(node) == func.name):
            continue
        index = names.index(param) - (1 if names[:1] == ["self"] and isinstance(node.func, ast.Attribute) else 0)
        given = next((k.value for k in node.keywords if k.arg == param), None)
        if given is None and 0 <= index < len(node.args):
            given = node.args[index]
        if not (isinstance(given, ast.Constant) and isinstance(given.value, str)):
            return None
        out.append(given.value)
    return out


def _lookups(tree: ast.AST, name: str) -> list[str]:
    """The parts looked up on ``name`` anywhere in the file, in order: literals, and the literals
    a function passes down when it looks up its parameter."""
    out: list[str] = []
    for func in [n for n in pyparse.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Module))]:
        for node in pyparse.walk(func):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _LOOKUPS and bound_key(node.func.value) == name and node.args):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                out.append(arg.value)
            elif isinstance(arg, ast.Name) and isinstance(func, ast.FunctionDef):
                out += _passed(tree, func, arg.id) or []
    # changeable_number(eq, "0.00"): the part that becomes a number (ManimGL's
    # make_number_changeable, ported below), written as str() writes the value
    for node in pyparse.walk(tree):
        if (isinstance(node, ast.Call) and call_name(node) == _CHANGEABLE and len(node.args) > 1
                and bound_key(node.args[0]) == name and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, (str, int, float))):
            out.append(str(node.args[1].value))
    return list(dict.fromkeys(out))


def _isolate(source: str, tree: ast.Module, names: set[str]) -> tuple[str, list[Fix]]:
    """The parts each formula of ``names`` is looked up by, added to its constructor's
    ``substrings_to_isolate`` (when they can be isolated and are not already)."""
    tree = pyparse.clone(tree)  # edited below; the parse is shared
    values = bound_values(tree)
    edits: list[tuple[ast.stmt, ast.AST]] = []
    fixes: list[Fix] = []
    # each formula a name is bound to (``eq`` may be made again for the next step)
    for name, call in ((n, c) for n in sorted(names) for v in values.get(n, []) if (c := _formula(v)) is not None):
        read = _isolated(call)
        if read is None:
            continue
        known, keyword = read
        tex = " ".join(a.value for a in call.args if isinstance(a, ast.Constant)  # type: ignore[union-attr]
                       and isinstance(a.value, str))
        args = {a.value for a in call.args if isinstance(a, ast.Constant)}
        parts: list[str] = []
        braced = False
        for p in _lookups(tree, name):
            # parts that overlap (``e`` and ``e^{\pi i}``) cannot both be isolated: LaTeX fails
            chosen = [q for q in known if q not in args] + parts
            if p in known or any(p in q or q in p for q in chosen):
                continue
            if isolable(tex, p):
                parts.append(p)
            elif isolable(brace_scripts(tex), p):  # "2" in x^2: isolable as the x^{2} it means
                parts.append(p)
                braced = True
        if not parts:
            continue
        if braced:
            for a in call.args:
                if isinstance(a, ast.Constant) and isinstance(a.value, str):
                    a.value = brace_scripts(a.value)
        owner = next((s for s in simple_statements(tree) if any(n is call for n in pyparse.walk(s))), None)
        if owner is None:
            continue
        new_items = [ast.Constant(p) for p in parts]
        if keyword is not None:
            keyword.value.elts.extend(new_items)  # type: ignore[attr-defined]
        else:
            call.keywords.append(ast.keyword("substrings_to_isolate", ast.List(new_items, ast.Load())))
        if not any(o is owner for o, _ in edits):  # x = y = MathTex(...): one statement
            edits.append((owner, owner))
        fixes.append(Fix(owner.lineno, "tex_parts", f"{name}: parts looked up by tex were never "
                         f"isolated -> substrings_to_isolate={[*parts]!r}"))
    return (replace_statements(source, edits) if edits else source), fixes


def tex_parts_cure(source: str, message: str, line: int | None) -> Cure | None:
    if not _NONE.search(message):
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    failing = {key for node in pyparse.walk(stmt)
               if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
               and node.func.attr == "get_part_by_tex" and (key := bound_key(node.func.value))}
    text, fixes = _isolate(source, tree, failing)
    return _counted(Cure("isolate looked-up tex parts", text, fixes), failing) if fixes or failing else None


_FORMULA_PART = "formula_part"
_FORMULA_PART_IMPORT = f"from code2video_jupyter.scaffold.mathtext import {_FORMULA_PART}"


def _counted(cure: Cure, names: set[str]) -> Cure | None:
    """``cure`` with each lookup of a part that could not be isolated (it overlaps another, or
    stands where LaTeX would read the markers) made the scaffold's ``formula_part``, which
    finds the glyphs as ManimGL does, by counting symbols. None when it changes nothing."""
    tree = parse(cure.source)
    if tree is None or not names:
        return cure if cure.fixes else None
    values = bound_values(tree)
    isolated: dict[str, set[str]] = {}
    for name in names:
        for call in (c for v in values.get(name, []) if (c := _formula(v)) is not None):
            read = _isolated(call)
            if read is None:
                return cure if cure.fixes else None  # **options may isolate it: left alone
            isolated.setdefault(name, set()).update(read[0])

    def change(stmt: ast.stmt) -> list[str]:
        done: list[str] = []

        class _Count(ast.NodeTransformer):
            def visit_Call(self, node: ast.Call) -> ast.AST:
                self.generic_visit(node)
                f = node.func
                if not (isinstance(f, ast.Attribute) and f.attr in ("get_part_by_tex", "get_parts_by_tex")
                        and (key := bound_key(f.value)) in isolated and len(node.args) == 1
                        and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                        and node.args[0].value not in isolated[key] and not node.keywords):
                    return node
                done.append(f"{key}.{f.attr}({node.args[0].value!r}) -> {_FORMULA_PART}({key}, ...) "
                            "(the part cannot be isolated: found by counting symbols)")
                return ast.copy_location(ast.Call(ast.Name(_FORMULA_PART, ast.Load()), [f.value, *node.args], []),
                                         node)

        _Count().visit(stmt)
        return done

    edits, fixes = rewrite_each(simple_statements(tree), change, "tex_parts")
    if not edits:
        return cure if cure.fixes else None
    return with_import(Cure(cure.name, replace_statements(cure.source, edits), cure.fixes + fixes),
                       _FORMULA_PART_IMPORT)


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
                if values and all(_formula(v) is not None for v in values)}
    names: set[str] = set()

    class _ByText(ast.NodeTransformer):
        def __init__(self) -> None:
            self.done: list[str] = []

        def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
            self.generic_visit(node)
            key = bound_key(node.value)
            if _is_pattern(node.slice) and isinstance(node.ctx, ast.Load) and key in formulas:
                # equation[re.compile(r"\w\^2")]: every place the pattern matches
                self.done.append(f"{key}[{ast.unparse(node.slice)}] -> {_FORMULA_PART}({key}, ...)")
                return ast.copy_location(ast.Call(ast.Name(_FORMULA_PART, ast.Load()), [node.value, node.slice], []),
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
        text, isolated = _isolate(text, new_tree, names)
        fixes += isolated
    cure = _counted(Cure("formula indexed by its text", text, fixes), names)
    if cure is not None and f"{_FORMULA_PART}(" in cure.source:
        cure = with_import(cure, _FORMULA_PART_IMPORT)
    return cure


def _is_pattern(node: ast.AST) -> bool:
    """``re.compile(...)``"""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "re")


_TEXT_PART_IMPORT = "from code2video_jupyter.scaffold.text import text_part"


def text_index_cure(source: str, message: str, line: int | None) -> Cure | None:
    """ManimGL's ``words["quick"]`` on a ``Text`` (its parts selected by what they say): Manim
    Community's Text has no such lookup, so the scaffold's ``text_part(words, "quick")`` gives
    the same glyphs (every place the part is written; none where it is nowhere)."""
    if _STRING_INDEX not in message:
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


_CHANGEABLE_IMPORT = f"from code2video_jupyter.scaffold.mathtext import {_CHANGEABLE}"


def changeable_number_cure(source: str, message: str, line: int | None) -> Cure | None:
    """ManimGL's ``label.make_number_changeable("0.00")`` (3b1b's way to show a value inside a
    formula): Manim Community has no such method, so the scaffold's
    ``changeable_number(label, "0.00")`` puts a DecimalNumber where those glyphs were, with
    ``"0.00"`` isolated in the formula's constructor so that it can find them."""
    if "has no attribute 'make_number_changeable'" not in message:
        return None
    tree = parse(source)
    if tree is None:
        return None
    names: set[str] = set()

    def change(stmt: ast.stmt) -> list[str]:
        done: list[str] = []

        class _Port(ast.NodeTransformer):
            def visit_Call(self, node: ast.Call) -> ast.AST:
                self.generic_visit(node)
                f = node.func
                if not (isinstance(f, ast.Attribute) and f.attr == "make_number_changeable"):
                    return node
                if key := bound_key(f.value):
                    names.add(key)
                done.append(f"{ast.unparse(f.value)}.make_number_changeable(...) -> {_CHANGEABLE}"
                            f"({ast.unparse(f.value)}, ...)")
                return ast.copy_location(ast.Call(ast.Name(_CHANGEABLE, ast.Load()), [f.value, *node.args],
                                                  node.keywords), node)

        _Port().visit(stmt)
        return done

    edits, fixes = rewrite_each(simple_statements(tree), change, "tex_parts")
    if not edits:
        return None
    text = replace_statements(source, edits)
    new_tree = parse(text)
    if new_tree is not None:
        text, isolated = _isolate(text, new_tree, names)
        fixes += isolated
    return with_import(Cure("a number made changeable in a formula", text, fixes), _CHANGEABLE_IMPORT)
