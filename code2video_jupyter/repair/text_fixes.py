"""Fixes on the raw text of a reply, before it can even be parsed: markdown fences, prose
around the code, typographic characters where code goes, tabs and a uniform indent."""

from __future__ import annotations

import ast
import re
import textwrap

from .. import pyparse

_FENCE = re.compile(r"^```[ \t]*([\w+-]*)[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
_CODE_START = re.compile(r"^(from |import |class |def |@|#|\"\"\"|''')")


def strip_fences(text: str) -> tuple[str, str | None]:
    """The code inside markdown fences (the block that defines a class, else the longest).
    Returns (code, what was done) -- what is None when nothing changed."""
    blocks = [(m.group(1).lower(), m.group(2)) for m in _FENCE.finditer(text)]
    if blocks:
        python = [b for lang, b in blocks if lang in ("", "python", "py", "python3")] or [b for _, b in blocks]
        with_class = [b for b in python if re.search(r"^\s*class \w+", b, re.M)]
        code = max(with_class or python, key=len)
        return code, "took the code out of its markdown fence"
    if text.lstrip().startswith("```"):  # an unclosed fence: drop the opening line
        return text.lstrip().split("\n", 1)[1] if "\n" in text.lstrip() else "", "removed an unclosed fence"
    return text, None


# what a word processor or a chat page puts for quotes, minus, times and a space; Python reads
# none of them outside a string
_TYPOGRAPHIC = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
                "\u2212": "-", "\u2013": "-", "\u00d7": "*", "\u00f7": "/", "\u00a0": " "}
_INVALID_CHARACTER = re.compile(r"invalid (?:non-printable )?character.*U\+([0-9A-Fa-f]{4,6})")


def typographic_characters(code: str, limit: int = 64) -> tuple[str, str | None]:
    """Typographic quotes, minus signs and spaces where Python reads code (``r“For a large
    sample..."``): each one the parser stops at becomes its ASCII character. Only those the
    parser stops at, so never one inside a string."""
    done: dict[str, int] = {}
    for _ in range(limit):
        try:
            pyparse.parse_shared(code)  # (the text every fixer reads next: parsed once)
            break
        except SyntaxError as e:
            m = _INVALID_CHARACTER.search(e.msg or "")
            char = chr(int(m.group(1), 16)) if m else ""
            if char not in _TYPOGRAPHIC or not e.lineno or not e.offset:
                break
            lines = code.split("\n")
            line, at = lines[e.lineno - 1], e.offset - 1
            if line[at:at + 1] != char:
                break
            lines[e.lineno - 1] = line[:at] + _TYPOGRAPHIC[char] + line[at + 1:]
            code = "\n".join(lines)
            done[char] = done.get(char, 0) + 1
    if not done:
        return code, None
    return code, "typographic characters in the code -> ASCII: " + ", ".join(
        f"{c!r} -> {_TYPOGRAPHIC[c]!r}" + (f" ({n}x)" if n > 1 else "") for c, n in done.items())


def strip_prose(code: str) -> tuple[str, str | None]:
    """Drop sentences before the first line of code and after the last one."""
    lines = code.split("\n")
    start = next((i for i, ln in enumerate(lines) if _CODE_START.match(ln)), 0)
    if not "".join(lines[:start]).strip():
        start = 0
    if start == 0 and parses(code):
        return code, None
    body = lines[start:]
    # Trailing prose: cut at the first unindented line that is not code, if the rest parses.
    # (Only unindented lines are tried: prose starts there, and a file of a thousand lines with
    # one broken bracket is not parsed a thousand times.)
    for end in [len(body), *(i for i in range(len(body) - 1, 0, -1) if body[i][:1].strip())]:
        candidate = "\n".join(body[:end])
        if parses(candidate):
            if start or end < len(body):
                dropped = "\n".join(body[end:]).strip()
                if end < len(body) and dropped and not _is_prose(dropped):
                    break
                return candidate + "\n", "removed prose around the code"
            return code, None
    return code, None


def _is_prose(text: str) -> bool:
    first = text.strip().split("\n")[0]
    return bool(re.match(r"^[A-Z][^=()]*[\w,:;.!?)]$", first)) or first.startswith(("Note", "This", "The "))


def strip_stray_lines(code: str) -> tuple[str, str | None]:
    """A language tag left alone on the first line, fence lines left in the code."""
    lines = code.split("\n")
    kept = [ln for ln in lines if not re.match(r"^\s*```\s*\w*\s*$", ln)]
    first = next((i for i, ln in enumerate(kept) if ln.strip()), None)
    if first is not None and kept[first].strip().lower() in ("python", "py", "python3"):
        kept.pop(first)
    if kept == lines:
        return code, None
    return "\n".join(kept), "removed stray fence or language-tag lines"


_DEF = re.compile(r"\s*(?:async\s+)?def\s+(\w+)\s*\(")


def indent_bodies(code: str) -> tuple[str, str | None]:
    """A def/class/with/for whose body lost its indent: indent the lines that follow it. A
    method's header written twice (``def construct(self):`` as the first line of its own body,
    its body then at the level of the first one: an app pasted the answer into its template)
    is written once instead; indenting the body would leave a function nobody calls."""
    done: list[str] = []
    for _ in range(10):
        try:
            pyparse.parse_shared(code)
            return code, "; ".join(dict.fromkeys(done)) or None
        except IndentationError as e:
            m = re.search(r"expected an indented block after .* on line (\d+)", e.msg or "")
            if not m:
                return code, None
            lines = code.split("\n")
            head = int(m.group(1)) - 1
            if _repeated_header(lines, head):
                del lines[head]
                code = "\n".join(lines)
                done.append("removed a method's header written twice")
                continue
            done.append("indented bodies that had lost their indent")
            base = len(lines[head]) - len(lines[head].lstrip())
            for i in range(head + 1, len(lines)):
                ln = lines[i]
                ind = len(ln) - len(ln.lstrip())
                if ln.strip() and ind <= base and re.match(r"\s*(def|class|@) ?", ln) and i > head + 1:
                    break
                if ln.strip() and ind < base:
                    break
                lines[i] = "    " + ln if ln.strip() else ln
            code = "\n".join(lines)
        except SyntaxError:
            return code, None
    return code, None


def _repeated_header(lines: list[str], head: int) -> bool:
    """Whether line ``head`` repeats the def just above it (the first line of its body)."""
    this = _DEF.match(lines[head])
    above = next((i for i in range(head - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if this is None or above is None:
        return False
    outer = _DEF.match(lines[above])
    return (outer is not None and outer.group(1) == this.group(1) and lines[above].rstrip().endswith(":")
            and lines[head].strip() == lines[above].strip()
            and len(lines[head]) - len(lines[head].lstrip()) > len(lines[above]) - len(lines[above].lstrip()))


def fix_indentation(code: str) -> tuple[str, str | None]:
    """Tabs become spaces up to the next multiple of eight (how Python's tokenizer counts a
    tab, so a file that mixed them means what it meant); an indent shared by every line goes."""
    changed = []
    if re.search(r"^[ ]*\t", code, re.M):
        code = re.sub(r"^[ \t]+", lambda m: m.group(0).expandtabs(8), code, flags=re.M)
        changed.append("replaced tabs in the indentation with spaces")
    # (dedent also empties whitespace-only lines: only a real shared indent is worth that)
    written = [line for line in code.split("\n") if line.strip()]
    if written and all(line[:1] in " \t" for line in written):
        code = textwrap.dedent(code)
        changed.append("removed an indent shared by every line")
    return code, "; ".join(changed) or None


def parses(code: str) -> bool:
    try:
        pyparse.parse_shared(code)
        return True
    except SyntaxError:
        return False


def one_statement_per_line(code: str) -> tuple[str, str | None]:
    """``a = 1; b = 2`` and ``for x in y: body`` put each simple statement on a line of its own.

    Every later step edits a statement by replacing its lines; two statements on one line
    would lose each other. Only the separator changes (``;`` or the break after ``:``)."""
    try:
        tree = pyparse.parse_shared(code)
    except SyntaxError:
        return code, None
    lines = code.split("\n")
    raw = [ln.encode() for ln in lines]  # col_offset counts UTF-8 bytes
    breaks: list[tuple[int, int, str]] = []  # (0-based line, byte column, indent)
    for body in statement_lists(tree):
        indent = ""
        for node in body:
            row = node.lineno - 1
            before = raw[row][:node.col_offset].decode(errors="replace")
            if not before.strip():
                indent = before
                continue
            if not before.rstrip().endswith(";"):  # the first statement after a header's ':'
                lead = re.match(r"\s*", lines[row]).group(0)
                indent = lead + ("\t" if lead.startswith("\t") else "    ")
            breaks.append((row, node.col_offset, indent))
    if not breaks:
        return code, None
    for row, col, indent in sorted(breaks, reverse=True):
        head = raw[row][:col].decode().rstrip()
        if head.endswith(";"):
            head = head[:-1].rstrip()
        tail = raw[row][col:].decode()
        lines[row] = head + "\n" + indent + tail
        raw[row] = lines[row].encode()
    return "\n".join(lines), f"put {len(breaks)} statement(s) that shared a line on lines of their own"


_HOLDERS = (ast.stmt, ast.mod, ast.excepthandler, ast.match_case)


def statement_lists(tree: ast.AST) -> list[list[ast.stmt]]:
    """Every list of statements in the tree (module, class and function bodies, branches,
    else and finally blocks, handlers, cases)."""
    out = []
    for node in pyparse.walk(tree):
        if not isinstance(node, _HOLDERS):
            continue  # expressions hold no statements: most of a file's nodes
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                out.append(block)
    return out
