"""Where in the scene file an error happened: from a plain Python traceback or from the Rich
traceback manim prints (``scene.py:12 in construct``), whose format defeats line regexes
written for the plain one."""

from __future__ import annotations

import re
from pathlib import PurePath

_PLAIN = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<func>\S+)')
_INSTALLED = re.compile(r"(site-packages|dist-packages|/manim/|/lib/python)")
_RICH = re.compile(r"(?P<file>[\w./\\-]+\.py):(?P<line>\d+) in (?P<func>[\w<>]+)")


def scene_line(traceback_text: str, scene_file: str) -> int | None:
    """The last frame of the traceback that lies in the scene file (its innermost line).

    Frames match by full path, or else by file name outside installed packages (manim has
    a ``scene.py`` of its own)."""
    name = PurePath(scene_file).name
    exact, by_name = None, None
    for rx in (_PLAIN, _RICH):
        for m in rx.finditer(traceback_text):
            path = m.group("file")
            if path == scene_file:
                exact = int(m.group("line"))
            elif PurePath(path).name == name and not _INSTALLED.search(path):
                by_name = int(m.group("line"))
        if exact or by_name:
            return exact or by_name
    return None


def error_head(traceback_text: str) -> str:
    """The exception line ("NameError: name 'x' is not defined") of a traceback."""
    lines = [ln.strip() for ln in traceback_text.strip().split("\n") if ln.strip()]
    for ln in reversed(lines):
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b", ln):
            return ln
    return lines[-1] if lines else ""
