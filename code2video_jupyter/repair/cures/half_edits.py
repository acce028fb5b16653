"""A statement half edited, which Python refuses with the whole file:

- its first line commented out and its other lines left (an app disabling a call it cannot run:
  ``# self.play(FadeOut(a),  # auto-disabled`` over ``FadeOut(b))``): "unmatched ')'" or
  "unexpected indent" on the lines left. They are commented out too, as the first one was;
- a call that lost its receiver as the only statement of a loop
  (``for dot in cloud:`` / ``.remove_updater(f)``): the loop's variable is the one thing it can
  be called on.

Either is kept only when the file then parses, or its syntax error moves further down."""

from __future__ import annotations

import re
import tokenize

from ..static_fixes import Fix
from .brackets import error_line, tokens
from .edit import Cure

_OPENERS, _CLOSERS = "([{", ")]}"


def half_edit_cure(source: str, message: str, line: int | None) -> Cure | None:
    if line is None:
        return None
    before = error_line(source)
    if before is None:
        return None
    found = None
    if "unmatched" in message or "unexpected indent" in message:
        # (the lines left are indented deeper than the statement: the first of them is an
        # unexpected indent, unless it opens a block's body)
        found = _rest_of_commented(source, line)
    elif "invalid syntax" in message:
        found = _lost_receiver(source, line)
    if found is None:
        return None
    text, fix = found
    after = error_line(text)
    if after is not None and after <= before:
        return None
    return Cure("half-edited statement", text, [fix])


def _rest_of_commented(source: str, line: int) -> tuple[str, Fix] | None:
    """The lines after a commented-out first line of a statement, up to the one that closes
    its brackets, commented out the same way."""
    lines = source.split("\n")
    head = line - 2
    while head >= 0 and not lines[head].strip():
        head -= 1
    if head < 0 or not lines[head].lstrip().startswith("#"):
        return None
    depth = _depth(lines[head].lstrip()[1:])
    if depth <= 0:
        return None
    indent = lines[head][:len(lines[head]) - len(lines[head].lstrip())]
    for row in range(head + 1, min(len(lines), head + 40)):
        depth += _depth(lines[row])
        if depth <= 0:
            new = list(lines)
            for r in range(head + 1, row + 1):
                if new[r].strip():
                    new[r] = f"{indent}# {new[r].strip()}"
            return "\n".join(new), Fix(head + 2, "syntax", f"lines {head + 2}-{row + 1}: the rest of the "
                                       f"statement commented out on line {head + 1}, commented out too")
    return None


def _depth(text: str) -> int:
    """Brackets a line opens minus those it closes, strings and its comment left out."""
    ops = [tok.string for tok in tokens(text) if tok.type == tokenize.OP]
    return sum(op in _OPENERS for op in ops) - sum(op in _CLOSERS for op in ops)


_LEADING_DOT = re.compile(r"^(\s*)\.([A-Za-z_]\w*\s*\()")
_FOR_NAME = re.compile(r"^(\s*)for\s+([A-Za-z_]\w*)\s+in\s+.+:\s*(#.*)?$")


def _lost_receiver(source: str, line: int) -> tuple[str, Fix] | None:
    lines = source.split("\n")
    if not 0 < line <= len(lines) or (m := _LEADING_DOT.match(lines[line - 1])) is None:
        return None
    head = line - 2
    while head >= 0 and not lines[head].strip():
        head -= 1
    loop = _FOR_NAME.match(lines[head]) if head >= 0 else None
    if loop is None or len(m.group(1)) <= len(loop.group(1)):
        return None
    nxt = line  # the call must be the loop's only statement
    while nxt < len(lines) and not lines[nxt].strip():
        nxt += 1
    if nxt < len(lines) and len(lines[nxt]) - len(lines[nxt].lstrip()) > len(loop.group(1)):
        return None
    name = loop.group(2)
    new = list(lines)
    new[line - 1] = f"{m.group(1)}{name}.{lines[line - 1].lstrip()[1:]}"
    return "\n".join(new), Fix(line, "syntax", f"line {line}: a call with no receiver in a loop over "
                               f"{name}: {name}.{m.group(2).rstrip('(').strip()}(...)")
