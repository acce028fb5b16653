"""LaTeX that does not compile: repair the string where a known cure exists (control characters
from a non-raw string, commands that do not exist, unicode in math, nested environments,
unescaped specials, unbalanced braces); else show it as Pango text, flagged with a comment."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..static_fixes import Fix
from .edit import (
    Cure,
    StatementFixer,
    call_name,
    parse,
    replace_statement,
    replace_statements,
    rewrite,
    rewrite_failing,
    simple_statements,
    statement_at,
)
from .latex_packages import accent_cure, package_cure
from .tex_parts import brace_call_scripts

TEX_CALLS = {"MathTex", "Tex", "SingleStringMathTex", "equation", "math_label", "Title",
             "BulletedList", "MathTable", "Matrix", "TexText", "TexMobject", "TextMobject"}
# manim's methods that typeset a string they are given in math mode (as MathTex)
LABEL_CALLS = {"get_x_axis_label", "get_y_axis_label", "get_z_axis_label", "get_axis_labels",
               "get_graph_label", "get_tex", "BraceLabel"}
MATH_CALLS = {"MathTex", "SingleStringMathTex", "equation", "math_label", "TexMobject"} | LABEL_CALLS
TEX_CALLS |= LABEL_CALLS
_MATH_ENV = re.compile(r"\\begin\{([pbvVB]?matrix|cases|array|aligned|smallmatrix)\}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Backslash sequences that a non-raw Python string turned into control characters.
_CONTROL = {"\a": r"\a", "\b": r"\b", "\f": r"\f", "\v": r"\v", "\r": r"\r", "\t": r"\t"}
_UNKNOWN_COMMANDS = {r"\R": r"\mathbb{R}", r"\N": r"\mathbb{N}", r"\Z": r"\mathbb{Z}",
                     r"\Q": r"\mathbb{Q}", r"\C": r"\mathbb{C}", r"\degree": r"^{\circ}",
                     r"\eps": r"\epsilon", r"\implies ": r"\Rightarrow ", r"\bold": r"\mathbf",
                     r"\tfrac": r"\frac", r"\half": r"\frac{1}{2}", r"\mathbbm": r"\mathbb",
                     r"\bm": r"\boldsymbol", r"\abs": r"\left|", r"\norm": r"\|",
                     r"\argmin": r"\operatorname{argmin}", r"\argmax": r"\operatorname{argmax}",
                     r"\sgn": r"\operatorname{sgn}", r"\Tr": r"\operatorname{Tr}",
                     r"\E": r"\mathbb{E}", r"\P": r"\mathbb{P}"}
# Unicode that LaTeX's default fonts cannot typeset, in math mode.
_UNICODE_MATH = {
    "→": r"\rightarrow ", "←": r"\leftarrow ", "↔": r"\leftrightarrow ", "⇒": r"\Rightarrow ",
    "⇐": r"\Leftarrow ", "⇔": r"\Leftrightarrow ", "↦": r"\mapsto ", "≤": r"\leq ",
    "≥": r"\geq ", "≠": r"\neq ", "≈": r"\approx ", "≡": r"\equiv ", "∼": r"\sim ",
    "∝": r"\propto ", "×": r"\times ", "·": r"\cdot ", "⋅": r"\cdot ", "÷": r"\div ",
    "±": r"\pm ", "∓": r"\mp ", "∞": r"\infty ", "∑": r"\sum ", "∏": r"\prod ", "∫": r"\int ",
    "∮": r"\oint ", "√": r"\sqrt ", "∂": r"\partial ", "∇": r"\nabla ", "∈": r"\in ",
    "∉": r"\notin ", "⊂": r"\subset ", "⊆": r"\subseteq ", "∪": r"\cup ", "∩": r"\cap ",
    "∅": r"\emptyset ", "∀": r"\forall ", "∃": r"\exists ", "¬": r"\neg ", "∧": r"\wedge ",
    "∨": r"\vee ", "°": r"^{\circ}", "′": "'", "″": "''", "…": r"\ldots ", "⋯": r"\cdots ",
    "−": "-", "–": "-", "—": "-", "²": "^{2}", "³": "^{3}", "¹": "^{1}", "⁻¹": "^{-1}",
    "½": r"\frac{1}{2}", "ℝ": r"\mathbb{R}", "ℕ": r"\mathbb{N}", "ℤ": r"\mathbb{Z}",
    "ℚ": r"\mathbb{Q}", "ℂ": r"\mathbb{C}", "ℏ": r"\hbar ", "⟨": r"\langle ", "⟩": r"\rangle ",
    "₀": "_{0}", "₁": "_{1}", "₂": "_{2}", "₃": "_{3}", "₄": "_{4}", "₅": "_{5}", "₆": "_{6}",
    "₇": "_{7}", "₈": "_{8}", "₉": "_{9}", "ₙ": "_{n}", "ᵢ": "_{i}", "⁰": "^{0}", "⁴": "^{4}",
    "⁵": "^{5}", "⁶": "^{6}", "⁷": "^{7}", "⁸": "^{8}", "⁹": "^{9}", "ⁿ": "^{n}", "⁺": "^{+}",
    "⁻": "^{-}",
    "‖": r"\| ", "⊗": r"\otimes ", "⊕": r"\oplus ", "†": r"^{\dagger}", "∘": r"\circ ",
    "α": r"\alpha ", "β": r"\beta ", "γ": r"\gamma ", "δ": r"\delta ", "ε": r"\epsilon ",
    "ζ": r"\zeta ", "η": r"\eta ", "θ": r"\theta ", "ι": r"\iota ", "κ": r"\kappa ",
    "λ": r"\lambda ", "μ": r"\mu ", "ν": r"\nu ", "ξ": r"\xi ", "π": r"\pi ", "ρ": r"\rho ",
    "σ": r"\sigma ", "τ": r"\tau ", "υ": r"\upsilon ", "φ": r"\phi ", "χ": r"\chi ",
    "ψ": r"\psi ", "ω": r"\omega ", "Γ": r"\Gamma ", "Δ": r"\Delta ", "Θ": r"\Theta ",
    "Λ": r"\Lambda ", "Ξ": r"\Xi ", "Π": r"\Pi ", "Σ": r"\Sigma ", "Φ": r"\Phi ",
    "Ψ": r"\Psi ", "Ω": r"\Omega ",
}


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
    tex, unicode_done = _unicode(tex, math)
    done += unicode_done
    stripped = re.sub(r"\\(begin|end)\{(align|equation|eqnarray|gather)\*?\}", "", tex)
    if stripped != tex and math:
        tex = stripped
        done.append("removed a nested math environment (MathTex is already one)")
    for ch in "%#":
        if re.search(r"(?<!\\)" + re.escape(ch), tex):
            tex = re.sub(r"(?<!\\)" + re.escape(ch), "\\" + ch, tex)
            done.append(f"escaped {ch}")
    if math and re.search(r"(?<!\\)\$", tex):
        tex = re.sub(r"(?<!\\)\$", "", tex)
        done.append("removed $ signs (MathTex is already in math mode)")
    if not math:
        if "$" not in tex and _MATH_ENV.search(tex):
            # text mode cannot hold a matrix: the whole string is mathematics
            tex = f"${tex}$"
            done.append("a math environment in text mode: put in $...$")
        elif re.search(r"(?<!\\)&", tex):
            tex = re.sub(r"(?<!\\)&", r"\\&", tex)
            done.append("escaped &")
        if tex.count("\\(") != tex.count("\\)"):
            # an unmatched \( opens math mode for the rest (it was meant as a parenthesis)
            tex = tex.replace("\\(", "(").replace("\\)", ")")
            done.append("unmatched \\( or \\): plain parentheses")
        dollars = [m.start() for m in re.finditer(r"(?<!\\)\$", tex)]
        if len(dollars) % 2:
            tex = tex[:dollars[-1]] + "\\$" + tex[dollars[-1] + 1:]
            done.append("escaped a lone $")
        if "$" not in tex and _prose(tex) and _MATH_ATOM.search(tex):
            # prose with some mathematics in it: only the mathematics goes in $...$
            tex = _wrap_math_runs(tex)
            done.append("put the mathematics of the text in $...$")
        elif "$" not in tex and re.search(rf"(?<!\\)[_^]|\\(?:{_MATH_ONLY})(?![A-Za-z])", tex):
            if re.search(r"(?<!\\)\^|\\[a-z]+", tex):
                tex = f"${tex}$"
            else:
                tex = re.sub(r"(?<!\\)_", r"\\_", tex)
            done.append("made sub/superscripts and math commands valid in text mode")
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


# Commands LaTeX only takes in math mode ("Missing $ inserted" in a Tex's text).
_MATH_ONLY = (
    "frac|dfrac|tfrac|sqrt|sum|prod|int|iint|oint|lim|infty|partial|nabla|cdot|cdots|times|div|pm|mp"
    "|leq|le|geq|ge|neq|ne|approx|equiv|sim|simeq|propto|to|rightarrow|leftarrow|Rightarrow"
    "|Leftarrow|leftrightarrow|Leftrightarrow|implies|iff|mapsto|in|notin|subset|subseteq|supset|cup"
    "|cap|forall|exists|emptyset|mathbb|mathcal|mathbf|mathrm|mathit|mathscr|mathfrak|vec|hat|bar"
    "|dot|ddot|tilde|overline|underline|overrightarrow|angle|perp|parallel|circ|log|ln|sin|cos|tan"
    "|exp|det|max|min|alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa"
    "|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda"
    "|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega")
_GROUP = r"\{(?:[^{}]|\{[^{}]*\})*\}"
_MATH_ATOM = re.compile(rf"\\(?:{_MATH_ONLY})(?![A-Za-z])(?:\s*{_GROUP})*"
                        rf"|\w*(?:(?<!\\)[_^](?:{_GROUP}|\\[A-Za-z]+|\w(?![A-Za-z])))+")
_JOIN = re.compile(r"[\s\d+\-*/=<>()|]*")


def _prose(tex: str) -> bool:
    """A word of running text outside the mathematics (an environment's name is none)."""
    rest = re.sub(r"\\(begin|end)\{\w+\*?\}", " ", tex)
    rest = _MATH_ATOM.sub(" ", re.sub(r"\\[A-Za-z]+", " ", rest))
    return re.search(r"[A-Za-z]{3,}", rest) is not None


def _wrap_math_runs(tex: str) -> str:
    """Each run of mathematics (commands, scripts, and the operators and numbers between them)
    in $...$; the words around it stay text."""
    spans: list[list[int]] = []
    for m in _MATH_ATOM.finditer(tex):
        if spans and _JOIN.fullmatch(tex[spans[-1][1]:m.start()]):
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    out, at = [], 0
    for start, end in spans:  # an underscore left in the words is a character (snake_case)
        out += [re.sub(r"(?<!\\)_", r"\\_", tex[at:start]), f"${tex[start:end]}$"]
        at = end
    return "".join(out) + re.sub(r"(?<!\\)_", r"\\_", tex[at:])


def _unicode(tex: str, math: bool) -> tuple[str, list[str]]:
    bad_chars = [c for c in _UNICODE_MATH if c in tex]
    if not bad_chars:
        return tex, []
    for c in sorted(bad_chars, key=len, reverse=True):
        # in text mode each symbol goes into math mode of its own (a root sign alone, with
        # nothing to take as its argument, is \surd)
        command = r"\surd" if c == "√" and not math else _UNICODE_MATH[c].strip()
        tex = tex.replace(c, _UNICODE_MATH[c] if math else f"${command}$")
    return tex, [f"unicode {''.join(bad_chars)} -> LaTeX commands"]


class LatexFixer(StatementFixer):
    category = "latex_error"

    def __init__(self, undefined: str | None = None) -> None:
        super().__init__()
        self.undefined = undefined  # a control sequence LaTeX reported as undefined

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = call_name(node)
        if name not in TEX_CALLS:
            return node
        strings = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        # CJK text cannot go through the LaTeX template: Pango draws every script.
        if name in ("Tex", "TexText", "TextMobject") and any(_CJK.search(s.value) for s in strings):
            self.fixes.append(f"{name} with CJK text -> Text (LaTeX's fonts have no CJK glyphs)")
            node.func = ast.Name(id="Text", ctx=ast.Load())
            node.args = [ast.Constant("".join(s.value.replace("$", "") for s in strings))]
            node.keywords = [k for k in node.keywords if k.arg in ("color", "font_size")]
            return node
        # an f-string with nothing to format is a plain string: repaired as one
        node.args = [ast.Constant("".join(v.value for v in a.values)) if isinstance(a, ast.JoinedStr)
                     and all(isinstance(v, ast.Constant) for v in a.values) else a for a in node.args]
        strings = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if name in LABEL_CALLS:  # get_axis_labels(x_label="θ₁")
            strings += [k.value for k in node.keywords if k.arg and "label" in k.arg
                        and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)]
        for joined in (a for a in node.args if isinstance(a, ast.JoinedStr)):
            literal = "".join(p.value for p in joined.values if isinstance(p, ast.Constant))
            if name not in MATH_CALLS and "$" not in literal and _MATH_ENV.search(literal):
                joined.values = [ast.Constant("$"), *joined.values, ast.Constant("$")]
                self.fixes.append("a math environment in text mode: put in $...$")
            # an f-string: only its literal parts, and only what needs no view of the whole
            for part in joined.values:
                if isinstance(part, ast.Constant) and any(c in part.value for c in _CONTROL):
                    part.value = "".join(_CONTROL.get(c, c) for c in part.value)
                    self.fixes.append("restored backslashes a non-raw f-string had turned into "
                                      "control characters")
                if isinstance(part, ast.Constant) and any(c in part.value for c in _UNICODE_MATH):
                    part.value, done = _unicode(part.value, math=name in MATH_CALLS)
                    self.fixes += done
        if name in ("Tex", "TexText", "TextMobject") and len(node.args) == 1 and (
                literal := _concatenated(node.args[0])) is not None and "$" not in literal and (
                _MATH_ATOM.search(literal) or _MATH_ENV.search(literal)) and not _prose(literal):
            # mathematics built with + (numbers put in between): the whole of it is math mode
            node.func = ast.Name(id="MathTex", ctx=ast.Load())
            self.fixes.append(f"{name} of mathematics built with + -> MathTex (math mode)")
            return node
        for s in strings:
            new, done = fix_latex(s.value, math=name in MATH_CALLS)
            if self.undefined and self.undefined in new and self.undefined not in _UNKNOWN_COMMANDS:
                # A command this TeX installation does not know and no cure names: its argument
                # (if any) stays, the command goes.
                new = re.sub(re.escape(self.undefined) + r"(?![A-Za-z])\s*", "", new)
                done.append(f"removed {self.undefined} (not defined in this LaTeX template)")
            if done and new != s.value:
                s.value = new
                self.fixes += done
        return node


def _concatenated(node: ast.expr) -> str | None:
    """The literal text of a string built with ``+`` (``r"N(\\mu=" + f"{mu:.2f}" + ")"``), the
    values put in left out; None for anything else."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)):
        return None
    out = []
    for part in (node.left, node.right):
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            out.append(part.value)
        elif isinstance(part, ast.JoinedStr):
            out += [v.value for v in part.values if isinstance(v, ast.Constant)]
        elif isinstance(part, ast.Call) and call_name(part) in ("str", "format", "round"):
            out.append(" ")
        elif (inner := _concatenated(part)) is not None:
            out.append(inner)
        else:
            return None
    return "".join(out)


class _TexToText(StatementFixer):
    """The last resort: the string shown by Pango, not typeset."""

    category = "latex_error"

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = call_name(node)
        if name not in TEX_CALLS - {"Title", "BulletedList", "MathTable", "Matrix"} - LABEL_CALLS:
            return node
        strings = [a for a in node.args if isinstance(a, (ast.Constant, ast.JoinedStr))
                   and not (isinstance(a, ast.Constant) and not isinstance(a.value, str))]
        if not strings or len(strings) != len(node.args):
            return node
        if any(isinstance(a, ast.JoinedStr) for a in strings):
            if len(strings) != 1:
                return node
            text: ast.expr = _plain_fstring(strings[0])
            shown = ast.unparse(strings[0])[:40]
        else:
            text = ast.Constant(" ".join(_plain(s.value) for s in strings))
            shown = repr(strings[0].value[:40])
        keep = [k for k in node.keywords if k.arg in ("color", "font_size")]
        node.func = ast.Name(id="Text", ctx=ast.Load())
        node.args, node.keywords = [text], keep
        self.fixes.append(f"{name}({shown}...) -> Text (LaTeX did not compile it)")
        return node


def _plain_fstring(joined: ast.JoinedStr) -> ast.JoinedStr:
    """An f-string's LaTeX made plain text around its formatted values: each value stands in
    as a token of letters while the whole is converted (a ``$`` may open in one literal part and
    close in the next), then goes back in place."""
    values = [v for v in joined.values if isinstance(v, ast.FormattedValue)]
    token = "QXVALUEQX{}QX"
    whole = "".join(p.value if isinstance(p, ast.Constant) else token.format(values.index(p))
                    for p in joined.values)
    plain = _plain(whole)
    parts: list[ast.expr] = []
    for i, piece in enumerate(re.split(r"QXVALUEQX(\d+)QX", plain)):
        if i % 2:
            parts.append(values[int(piece)])
        elif piece:
            parts.append(ast.Constant(piece))
    if sorted(id(p) for p in parts if isinstance(p, ast.FormattedValue)) != sorted(id(v) for v in values):
        return joined  # a value got lost in the conversion: keep the f-string as it was
    return ast.JoinedStr(values=parts)


def _plain(tex: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    try:
        out = LatexNodes2Text(math_mode="text").latex_to_text(tex)
    except Exception:  # noqa: BLE001 - pylatexenc raises many kinds on bad input
        out = re.sub(r"\\[A-Za-z]+|[{}$]", "", tex)
    return " ".join(out.split()) or tex


def _undefined(message: str) -> str | None:
    m = re.search(r"Undefined control sequence.*?(\\[A-Za-z]+)\s*$", message, re.S | re.M)
    return m.group(1) if m else None


class _UnicodeEverywhere(StatementFixer):
    """Unicode maths LaTeX cannot typeset, replaced in every Tex call of the file at once: each
    would fail the same way when its turn came, one run each."""

    category = "latex_error"

    def __init__(self) -> None:
        super().__init__()
        self.chars: set[str] = set()

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = call_name(node)
        if name not in TEX_CALLS:
            return node
        parts = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        parts += [p for a in node.args if isinstance(a, ast.JoinedStr) for p in a.values
                  if isinstance(p, ast.Constant) and isinstance(p.value, str)]
        for part in parts:
            self.chars.update(c for c in _UNICODE_MATH if c in part.value)
            part.value, done = _unicode(part.value, math=name in MATH_CALLS)
            self.fixes += done
        return node


def _unicode_everywhere(source: str, tree: ast.Module) -> Cure | None:
    edits = []
    chars: set[str] = set()
    for stmt in simple_statements(tree):
        fixer = _UnicodeEverywhere()
        new = fixer.visit(pyparse.clone(stmt))
        if fixer.fixes:
            edits.append((stmt, new))
            chars |= fixer.chars
    if len(edits) < 2:
        return None  # one statement: the statement's own cure says it
    return Cure("latex unicode everywhere", replace_statements(source, edits), [Fix(
        edits[0][0].lineno, "latex_error",
        f"unicode {''.join(sorted(chars))} -> LaTeX commands in {len(edits)} statements")])


def latex_cures(source: str, message: str, line: int | None) -> list[Cure]:
    tree = parse(source)
    if tree is None or line is None:
        return []
    out = []
    undefined = _undefined(message)
    if "Undefined control sequence" in message and (
            package := package_cure(source, tree, undefined, line)) is not None:
        out.append(package)  # the formula as written, with the package that defines it
    if (accents := accent_cure(source, tree, line)) is not None:
        # "Command \k unavailable in encoding OT1", "Unicode character ... not set up": the
        # words as written, in an encoding that has their letters
        out.append(accents)
    if "Unicode character" in message and (everywhere := _unicode_everywhere(source, tree)) is not None:
        out.append(everywhere)
    if (braced := isolated_script_cure(source, line)) is not None:
        out.append(braced)
    fixed = rewrite(source, tree, line, LatexFixer(undefined), "latex repair")
    if fixed:
        out.append(fixed)
    stmt = statement_at(tree, line)
    if stmt is not None:
        fixer = _TexToText()
        new = fixer.visit(pyparse.clone(stmt))
        if fixer.fixes:
            text = replace_statement(source, stmt, new,
                                     "LaTeX did not compile here: shown as plain text (check it)")
            out.append(Cure("latex as text", text, [Fix(stmt.lineno, "latex_error", f) for f in fixer.fixes]))
    return out


def isolated_script_cure(source: str, line: int | None) -> Cure | None:
    """A part isolated where it is a script's argument (``\\infty`` in ``\\sum^\\infty``, as
    ManimGL's ``isolate=`` allows): manim's markers go around it and ``^`` takes the first
    marker as its argument, so LaTeX fails. The formula is written with each bare script
    argument in braces (``^{\\infty}``, the same for LaTeX), where the markers can go."""
    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            if not (isinstance(node, ast.Call) and call_name(node) in ("MathTex", "Tex")
                    and any(k.arg in ("substrings_to_isolate", "tex_to_color_map") for k in node.keywords)):
                continue
            done += [f"{d} (a script's argument in braces, where an isolated part's markers can go)"
                     for d in brace_call_scripts(node)]
        return done

    return rewrite_failing(source, line, change, "isolated script argument", "latex_error")
