"""A bracket left open in the middle of a file, not at its end (that is a truncation):

- a closer that does not match (``[f(a, g(b)]``: the call was not closed before the list):
  the missing closers go in just before it;
- a line that ends with brackets still open while the next line starts a new statement
  (``mob.move_to(axes.c2p(sqrt(x), sqrt(y))`` with one ``)`` short): the missing closers go at
  the end of that line.

Either is kept only when the file then parses, or its syntax error moves further down (the next
one is for the next step); a guess that leaves the error where it was is not made."""

from __future__ import annotations

import io
import re
import tokenize

from ... import pyparse
from ..static_fixes import Fix
from .edit import Cure

PAIRS = {"(": ")", "[": "]", "{": "}"}
MISMATCH = re.compile(r"closing parenthesis '(.)' does not match opening parenthesis '(.)'")


def tokens(source: str) -> list[tokenize.TokenInfo]:
    """Python's tokens of ``source``, as far as it reads (a syntax error ends them, no raise)."""
    out: list[tokenize.TokenInfo] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            out.append(tok)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass  # an open bracket at the end of the file: what was read is what we need
    return out


def error_line(source: str) -> int | None:
    """The line of the file's first syntax error (0 when Python names none), None when it parses."""
    try:
        pyparse.parse(source)
    except SyntaxError as e:
        return e.lineno or 0
    return None


def _insert(source: str, row: int, col: int, text: str) -> str:
    lines = source.split("\n")
    line = lines[row - 1]
    lines[row - 1] = line[:col] + text + line[col:]
    return "\n".join(lines)


def _mismatch_fix(source: str) -> tuple[str, int, str] | None:
    """Closers inserted before the first closer that does not match its opener."""
    stack: list[str] = []
    for tok in tokens(source):
        if tok.type != tokenize.OP:
            continue
        if tok.string in PAIRS:
            stack.append(tok.string)
        elif tok.string in PAIRS.values():
            if stack and PAIRS[stack[-1]] == tok.string:
                stack.pop()
                continue
            # the openers above the one this closer matches were left open
            deeper = [i for i, o in enumerate(stack) if PAIRS[o] == tok.string]
            if not deeper:
                return None
            missing = "".join(PAIRS[o] for o in reversed(stack[deeper[-1] + 1:]))
            return _insert(source, tok.start[0], tok.start[1], missing), tok.start[0], missing
    return None


def _line_end_fix(source: str, near: int) -> tuple[str, int, str] | None:
    """Closers added at the end of the first line (from the statement the error names on) that
    ends with brackets open while the next line is indented no deeper than its statement."""
    lines = source.split("\n")
    stack: list[tuple[str, int]] = []
    start_indent: int | None = None
    toks = tokens(source)
    for i, tok in enumerate(toks):
        if tok.type == tokenize.OP and tok.string in PAIRS:
            if not stack:
                first = lines[tok.start[0] - 1]
                start_indent = len(first) - len(first.lstrip())
            stack.append((tok.string, tok.start[0]))
        elif tok.type == tokenize.OP and tok.string in PAIRS.values() and stack:
            stack.pop()
        elif tok.type == tokenize.NL and stack and tok.start[0] >= near - 1:
            nxt = next((t for t in toks[i + 1:] if t.type not in (tokenize.NL, tokenize.COMMENT)), None)
            if nxt is None:
                return None
            nxt_line = lines[nxt.start[0] - 1]
            indent = len(nxt_line) - len(nxt_line.lstrip())
            if start_indent is not None and indent <= start_indent and not nxt.string.startswith((")", "]", "}")):
                row = tok.start[0]
                missing = "".join(PAIRS[o] for o, _ in reversed(stack))
                text = lines[row - 1]
                code_end = len(text.rstrip())
                comment = [t for t in toks if t.type == tokenize.COMMENT and t.start[0] == row]
                if comment:
                    code_end = len(text[:comment[0].start[1]].rstrip())
                return _insert(source, row, code_end, missing), row, missing
    return None


def bracket_cure(source: str, message: str, line: int | None) -> Cure | None:
    before = error_line(source)
    if before is None or re.search(r"f-string|unexpected EOF", message):
        return None
    found = _mismatch_fix(source) if MISMATCH.search(message) else _line_end_fix(source, line or before)
    if found is None:
        return None
    text, row, missing = found
    after = error_line(text)
    if after is not None and after <= before:
        return None
    return Cure("unbalanced brackets", text, [Fix(row, "syntax", f"line {row}: closed what was left open "
                                                  f"with {missing!r}")])
