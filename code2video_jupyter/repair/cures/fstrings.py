"""An f-string with a lone closing brace (LaTeX braces written into an f-string:
``f"\\\\end{{pmatrix}}}"``): Python refuses the whole file. The cure tries, on that line, a run of
three braces cut to two (the usual slip), then each lone brace doubled (a literal brace), and
keeps the first that makes the file parse."""

from __future__ import annotations

import re

from ..static_fixes import Fix
from ..text_fixes import parses
from .edit import Cure


def fstring_brace_cure(source: str, message: str, line: int | None) -> Cure | None:
    if line is None or "f-string: single '}'" not in message:
        return None
    lines = source.split("\n")
    if not 0 < line <= len(lines):
        return None
    row = lines[line - 1]
    candidates: list[tuple[str, str]] = []
    for m in re.finditer(r"\}\}\}", row):
        candidates.append((row[:m.start()] + row[m.start() + 1:], "a run of three braces cut to two"))
    for m in re.finditer(r"(?<!\})\}(?!\})", row):
        candidates.append((row[:m.start()] + "}}" + row[m.end():], "a lone brace doubled (literal)"))
    for new_row, what in candidates:
        text = "\n".join([*lines[:line - 1], new_row, *lines[line:]])
        if parses(text):
            return Cure("f-string brace", text, [Fix(line, "syntax", f"f-string: {what}")])
    return None
