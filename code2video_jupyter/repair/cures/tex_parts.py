"""A part of a formula looked up that was never isolated: ``eq = MathTex(r"E = mc^2")`` and then
``eq.get_part_by_tex("m").get_center()``. Since manim 0.20 the ``*_by_tex`` lookups only find
whole arguments and ``substrings_to_isolate``; anything else gives ``None`` (and
``set_color_by_tex`` silently colours nothing). The documented way is to isolate the parts, so
the cure adds every literal the file looks up on that formula to its constructor's
``substrings_to_isolate``. A part is only isolated where manim's markers cannot change what LaTeX
reads: not inside a command name, not as the argument of a command, and as the argument of
``^`` or ``_`` only once that argument is in braces (``x^2`` -> ``x^{2}``, the same for LaTeX).
A part that still cannot be isolated (it overlaps another) is looked up with the scaffold's
``formula_part``, which counts symbols as ManimGL does."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..static_fixes import Fix
from .edit import (
    Cure,
    StatementFixer,
    call_name,
    chain_root,
    failing_statement,
    parse,
    replace_statements,
    rewrite_everywhere,
    simple_statements,
    with_import,
)
from .points import bound_key, bound_values

_NONE = re.compile(r"NoneType|\bNone\b")
_LOOKUPS = frozenset({"get_part_by_tex", "get_parts_by_tex", "set_color_by_tex",
                      "set_opacity_by_tex", "index_of_part_by_tex"})
_FORMULAS = frozenset({"MathTex", "Tex", "SingleStringMathTex"})
_CONTROL_WORD = re.compile(r"\\[A-Za-z]+$")
CHANGEABLE = "changeable_number"


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


def brace_call_scripts(call: ast.Call) -> list[str]:
    """``brace_scripts`` on each literal string a formula's constructor is given, in place;
    what changed (``'x^2' -> 'x^{2}'``)."""
    done = []
    for a in call.args:
        if isinstance(a, ast.Constant) and isinstance(a.value, str) and (new := brace_scripts(a.value)) != a.value:
            done.append(f"{a.value!r} -> {new!r}")
            a.value = new
    return done


def formula_call(value: ast.AST) -> ast.Call | None:
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
        if (isinstance(node, ast.Call) and call_name(node) == CHANGEABLE and len(node.args) > 1
                and bound_key(node.args[0]) == name and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, (str, int, float))):
            out.append(str(node.args[1].value))
    return list(dict.fromkeys(out))


def isolate_parts(source: str, tree: ast.Module, names: set[str]) -> tuple[str, list[Fix]]:
    """The parts each formula of ``names`` is looked up by, added to its constructor's
    ``substrings_to_isolate`` (when they can be isolated and are not already)."""
    tree = pyparse.clone(tree)  # edited below; the parse is shared
    values = bound_values(tree)
    edits: list[tuple[ast.stmt, ast.AST]] = []
    fixes: list[Fix] = []
    # each formula a name is bound to (``eq`` may be made again for the next step)
    for name, call in ((n, c) for n in sorted(names) for v in values.get(n, []) if (c := formula_call(v)) is not None):
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
            brace_call_scripts(call)
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
    text, fixes = isolate_parts(source, tree, failing)
    return counted_lookups(Cure("isolate looked-up tex parts", text, fixes), failing) if fixes or failing else None


FORMULA_PART = "formula_part"
FORMULA_PART_IMPORT = f"from code2video_jupyter.scaffold.mathtext import {FORMULA_PART}"


def counted_lookups(cure: Cure, names: set[str]) -> Cure | None:
    """``cure`` with each lookup of a part that could not be isolated (it overlaps another, or
    stands where LaTeX would read the markers) made the scaffold's ``formula_part``, which
    finds the glyphs as ManimGL does, by counting symbols. None when it changes nothing."""
    tree = parse(cure.source)
    if tree is None or not names:
        return cure if cure.fixes else None
    values = bound_values(tree)
    isolated: dict[str, set[str]] = {}
    for name in names:
        for call in (c for v in values.get(name, []) if (c := formula_call(v)) is not None):
            read = _isolated(call)
            if read is None:
                return cure if cure.fixes else None  # **options may isolate it: left alone
            isolated.setdefault(name, set()).update(read[0])

    counted = rewrite_everywhere(cure.source, tree, lambda: _Counted(isolated))
    if counted is None:
        return cure if cure.fixes else None
    return with_import(Cure(cure.name, counted.source, cure.fixes + counted.fixes), FORMULA_PART_IMPORT)


class _Counted(StatementFixer):
    """``eq.get_part_by_tex("x")`` of a part ``eq``'s constructor does not isolate ->
    ``formula_part(eq, "x")``."""

    category = "tex_parts"

    def __init__(self, isolated: dict[str, set[str]]) -> None:
        super().__init__()
        self.isolated = isolated

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        f = node.func
        if not (isinstance(f, ast.Attribute) and f.attr in ("get_part_by_tex", "get_parts_by_tex")
                and (key := bound_key(f.value)) in self.isolated and len(node.args) == 1
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                and node.args[0].value not in self.isolated[key] and not node.keywords):
            return node
        self.fixes.append(f"{key}.{f.attr}({node.args[0].value!r}) -> {FORMULA_PART}({key}, ...) "
                          "(the part cannot be isolated: found by counting symbols)")
        return ast.copy_location(ast.Call(ast.Name(FORMULA_PART, ast.Load()), [f.value, *node.args], []), node)
