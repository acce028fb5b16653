"""A LaTeX command from a package manim's template does not load (``\\cancel``, ``\\mathscr``,
``\\bm``, ``\\celsius``): "Undefined control sequence". When this machine's TeX has that
package, the scene loads it into the template its formulas are made with, one line after its
imports, and the formula renders as written (rather than as plain text)."""

from __future__ import annotations

import ast
import functools
import re
import shutil
import subprocess

from ... import pyparse
from ..fixes import Fix
from .edit import Cure, statement_at

# command -> the package that defines it
PACKAGES = {
    r"\cancel": "cancel", r"\bcancel": "cancel", r"\xcancel": "cancel", r"\cancelto": "cancel",
    r"\mathscr": "mathrsfs", r"\bm": "bm", r"\celsius": "gensymb", r"\ohm": "gensymb",
    r"\micro": "gensymb", r"\perthousand": "gensymb", r"\oiint": "esint", r"\oiiint": "esint",
    r"\sout": "ulem", r"\uwave": "ulem", r"\xout": "ulem",
}


@functools.cache
def installed(package: str) -> bool:
    """Whether TeX finds ``package.sty`` here (kpsewhich, as LaTeX itself looks it up)."""
    kpsewhich = shutil.which("kpsewhich")
    if kpsewhich is None:
        return False
    try:
        found = subprocess.run([kpsewhich, f"{package}.sty"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(found.stdout.strip())


def package_cure(source: str, tree: ast.Module, command: str | None, line: int) -> Cure | None:
    """``command``: the one LaTeX's log names; inside an environment the log only shows its
    end, and then the package commands in the failing statement's strings are the suspects."""
    if command not in PACKAGES and (stmt := statement_at(tree, line)) is not None:
        texts = " ".join(n.value for n in pyparse.walk(stmt) if isinstance(n, ast.Constant)
                         and isinstance(n.value, str))
        command = next((c for c in PACKAGES if re.search(re.escape(c) + r"(?![A-Za-z])", texts)), None)
    package = PACKAGES.get(command or "")
    if package is None or not installed(package) or f"usepackage{{{package}}}" in source:
        return None
    return _load(source, tree, rf"\usepackage{{{package}}}", f"{command} is defined there",
                 f"{command}: loaded the {package} package into the TeX template")


def _load(source: str, tree: ast.Module, preamble: str, why: str, fix: str) -> Cure:
    """``preamble`` added to the template the scene's formulas are made with, after the last
    import at the top of the file (config, from manim, exists by then)."""
    at = max((n.end_lineno or n.lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))),
             default=0)
    lines = source.split("\n")
    lines.insert(at, f'config.tex_template.add_to_preamble(r"{preamble}")  # {why}')
    return Cure("latex package", "\n".join(lines), [Fix(at + 1, "latex_error", fix)])


def _accented(char: str) -> bool:
    """A letter of the Latin alphabets beyond ASCII (é, ñ, ę, ł, ş...)."""
    return 0xC0 <= ord(char) <= 0x24F and char.isalpha()


def accent_cure(source: str, tree: ast.Module, line: int) -> Cure | None:
    """Letters such as ę or ł in a formula's ``\\text{}``: LaTeX's default font encoding has no
    glyph for them ("Unicode character ... not set up"); T1, the encoding European languages
    are typeset in, has. It is loaded so that the words stay as written."""
    stmt = statement_at(tree, line)
    texts = " ".join(n.value for n in pyparse.walk(stmt) if isinstance(n, ast.Constant)
                     and isinstance(n.value, str)) if stmt is not None else ""
    letters = sorted({c for c in texts if _accented(c)})
    if not letters or "fontenc" in source or not installed("fontenc"):
        return None
    return _load(source, tree, r"\usepackage[T1]{fontenc}", "letters beyond ASCII",
                 f"{''.join(letters)}: loaded the T1 font encoding, which has these letters")
