"""A file path written with Windows separators (``ImageMobject("assets\\logo.png")``): on Linux
the backslash is part of the name, so the file is not found ("could not find assets\\logo.png",
"No such file or directory"). The path the error names, and every other string of the file
that is a relative path of the same kind, get forward slashes, which both systems read; the
run after it tells whether the file is there.

A path of another machine (``SVGMobject("/home/ann/project/assets/icon/coin.svg")``) whose file
is in the scene's project (data_files.DataFiles.elsewhere found it: ``assets/icon/coin.svg``) is
written as that file's path here, every such path of the file at once."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping

from ... import pyparse
from ..data_files import DATA_SUFFIXES, windows_separators
from ..fixes import Fix
from .edit import Cure, parse, replace_names

_MISSING = re.compile(r"could not find (.+?) at either of these locations"
                      r"|No such file or directory: ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
                      r"|Can't find (.+?)\. Checked paths")
# a relative path of a data file, with at least one backslash between its parts and nothing a
# LaTeX string or a format would hold (braces, dollars, spaces around)
_WINDOWS_PATH = re.compile(r"^(?:\.\.?\\)?[\w.-]+(?:\\[\w .-]+)+$")


def local_path_cure(source: str, message: str, elsewhere: Mapping[str, str]) -> Cure | None:
    if missing_path(message) not in elsewhere:
        return None
    return _rewrite_paths(source, "path of another machine", "local_path", elsewhere.get,
                          lambda old, new: f"'{old}' is not on this machine: '{new}', the same "
                                           "file in the scene's project")


def windows_path_cure(source: str, message: str) -> Cure | None:
    named = missing_path(message)
    if named is None or "\\" not in named:
        return None
    return _rewrite_paths(
        source, "Windows path", "windows_path",
        lambda value: windows_separators(value) if value == named or _is_windows_path(value) else None,
        lambda old, new: f"'{old}' is a Windows path: '{new}' (forward slashes, read on every system)")


def _rewrite_paths(source: str, name: str, kind: str, new_path: Callable[[str], str | None],
                   why: Callable[[str, str], str]) -> Cure | None:
    """Every one-line string literal of ``source`` that ``new_path`` gives another path for,
    written as that path."""
    tree = parse(source)
    if tree is None:
        return None
    lines = source.split("\n")
    spans, fixes = [], []
    for node in pyparse.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.lineno == node.end_lineno):
            continue
        new = new_path(node.value)
        if new is None:
            continue
        raw = lines[node.lineno - 1].encode()
        old = raw[node.col_offset:node.end_col_offset].decode(errors="replace")
        if old[:1] not in "\"'rR":  # (part of an f-string, or implicitly joined literals)
            continue
        spans.append((node.lineno, node.col_offset, old, '"' + new.replace('"', '\\"') + '"'))
        fixes.append(Fix(node.lineno, kind, why(node.value, new)))
    if not spans:
        return None
    return Cure(name, replace_names(source, spans), fixes)


def missing_path(message: str) -> str | None:
    """The data file a file-not-found message names, as the program wrote it; None for another
    error, and for a program that is not installed (``No such file or directory: 'xelatex'``,
    which Python says alike when a process cannot start)."""
    m = _MISSING.search(message)
    if m is None:
        return None
    if m.group(2):
        try:
            named = ast.literal_eval(m.group(2))  # (the message shows the path's repr)
        except (ValueError, SyntaxError):
            return None
        suffix = "." + named.rsplit(".", 1)[-1].lower() if "." in named else ""
        return named if suffix in DATA_SUFFIXES else None
    return m.group(1) or m.group(3)


def _is_windows_path(value: str) -> bool:
    return bool(_WINDOWS_PATH.match(value)) and "." + value.rsplit(".", 1)[-1].lower() in DATA_SUFFIXES
