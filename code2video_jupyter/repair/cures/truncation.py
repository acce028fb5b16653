"""A reply cut off by the model's length limit: unclosed brackets, half a statement, a block
header with no body at the end of the file. The cure keeps the program up to its last complete
statement (and gives an emptied block a body)."""

from __future__ import annotations

import re

from ..static_fixes import Fix
from ..text_fixes import parses
from .edit import Cure

# How much of a file may be cut: more than this is not a truncated tail but broken code.
MAX_CUT_SHARE = 0.35



def looks_truncated(source: str, message: str, line: int | None) -> bool:
    """A cut reply fails at its very end (or leaves something open that only the end shows);
    an error earlier, or of another kind (an f-string's brace), is not a truncation."""
    if "f-string" in message:
        return False
    if re.search(r"was never closed|unexpected EOF|unterminated|EOF while", message):
        return True
    last = len(source.rstrip().split("\n"))
    return line is not None and line >= last


def truncation_cure(source: str, message: str, line: int | None) -> Cure | None:
    if parses(source) or not looks_truncated(source, message, line):
        return None
    lines = source.rstrip().split("\n")
    limit = max(3, int(len(lines) * MAX_CUT_SHARE))
    for cut in range(1, min(limit, len(lines) - 1) + 1):
        head = lines[:-cut]
        while head and not head[-1].strip():
            head.pop()
        for text in (head, _with_body(head)):
            if text and parses("\n".join(text)):
                kept = "\n".join(text) + "\n"
                if not re.search(r"^\s*class \w+", kept, re.M):
                    return None
                return Cure("truncated tail", kept, [Fix(len(text), "truncated", (
                    f"cut a truncated tail of {len(lines) - len(head)} line(s): the program ends "
                    "at its last complete statement"))])
    return None


def _with_body(lines: list[str]) -> list[str]:
    """A block header left last (``def f():``, ``for x in y:``) gets ``pass`` as its body."""
    if not lines or not lines[-1].rstrip().endswith(":"):
        return []
    indent = re.match(r"\s*", lines[-1]).group(0)
    return [*lines, indent + "    pass"]
