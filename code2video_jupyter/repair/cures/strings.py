"""A string literal written across lines in single quotes (``MathTex(r"\\begin{array}...`` on
one line, ``\\end{array}")`` some lines below): Python refuses the whole file ("unterminated
string literal"). Models write LaTeX tables and matrices that way. The two quotes become
triple quotes, which is what the text meant, and the cure is kept only if the file then
parses."""

from __future__ import annotations

import io
import re
import tokenize

from ... import pyparse
from ..static_fixes import Fix
from .edit import Cure

_UNTERMINATED = re.compile(r"unterminated string literal")


def _unclosed(row: str) -> tuple[int, str] | None:
    """Where the string the row opens and does not close starts (its quote's column), and the
    quote; None when every string of the row is closed or goes on legally (a triple-quoted
    one, a line continued with a backslash). Python's own tokenizer reads the row: a quote
    that opens no complete string is an error token."""
    stripped = row.rstrip()
    if (len(stripped) - len(stripped.rstrip("\\"))) % 2:
        return None  # an odd backslash at the end continues the line (``\\\\``, a LaTeX break, does not)
    try:
        for tok in tokenize.generate_tokens(io.StringIO(row).readline):
            if tok.type == tokenize.ERRORTOKEN and tok.string in ("'", '"'):
                return tok.start[1], tok.string
    except (tokenize.TokenError, SyntaxError):
        pass  # a triple-quoted string or a bracket left open: read up to there
    return None


def _closing(row: str, quote: str) -> int | None:
    """The first quote of that kind in the row that no backslash escapes."""
    j = 0
    while j < len(row):
        if row[j] == "\\":
            j += 2
            continue
        if row[j] == quote:
            return j
        j += 1
    return None


def _triple(lines: list[str], line: int) -> tuple[list[str], int] | None:
    """The lines with the string opened on ``line`` and closed below it triple-quoted, and the
    line that closes it; None when no such pair is found."""
    if not 0 < line <= len(lines) or (opened := _unclosed(lines[line - 1])) is None:
        return None
    start, quote = opened
    for k in range(line, min(len(lines), line + 200)):
        end = _closing(lines[k], quote)
        if end is not None:
            new = list(lines)
            new[line - 1] = lines[line - 1][:start] + quote * 3 + lines[line - 1][start + 1:]
            new[k] = lines[k][:end] + quote * 3 + lines[k][end + 1:]
            return new, k + 1
    return None


def multiline_string_cure(source: str, message: str, line: int | None) -> Cure | None:
    """Every such string of the file at once (a model that wrote one table so wrote the next),
    kept only when the file then parses."""
    if line is None or not _UNTERMINATED.search(message):
        return None
    lines = source.split("\n")
    fixes: list[Fix] = []
    for _ in range(50):
        found = _triple(lines, line)
        if found is None:
            return None
        lines, last = found
        fixes.append(Fix(line, "syntax", f"a string written across lines {line}-{last} in single "
                                         "quotes -> triple quotes"))
        text = "\n".join(lines)
        try:
            pyparse.parse(text)
            return Cure("string across lines", text, fixes)
        except SyntaxError as e:
            if not _UNTERMINATED.search(e.msg or "") or e.lineno is None or e.lineno <= last:
                return None
            line = e.lineno
    return None
