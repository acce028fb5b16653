"""The class of a failing program's first error, as repair reports and benchmarks count them:
what kind of mistake it is, not which name (a cure is written for a class)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cures.paths import missing_path
from .cures.points import is_point_error
from .cures.removal import MADE_UP_ACCESSOR
from .cures.truncation import looks_truncated
from .namespace import Namespace
from .policy import ABSENT_MODULE

if TYPE_CHECKING:
    from .loop import Attempt

CLASSES = ("manimgl", "unknown_kwarg", "point_2d", "latex", "unknown_name", "unknown_attribute",
           "truncated", "syntax", "no_scene", "missing_file", "missing_module", "policy", "timeout",
           "other")
_GL_IMPORT = re.compile(r"^\s*(from|import)\s+(manimlib|manim_imports_ext|manimgl)\b", re.M)
_NAME = re.compile(r"name '(\w+)' is not defined|cannot import name '(\w+)'")
_ATTR = re.compile(r"object has no attribute '(\w+)'")


def _gl_names() -> frozenset[str]:
    """Names ManimGL has (from the derived API map, when it is installed with the package)."""
    try:
        from . import gl_map
    except ImportError:
        return frozenset()
    return frozenset(getattr(gl_map, "gl_names", lambda: ())())


def classify(attempt: Attempt, source: str, ns: Namespace) -> str:
    etype, msg = attempt.error_type, attempt.message
    if _GL_IMPORT.search(source):
        return "manimgl"  # before the policy: a manimlib import is refused, and is the cause
    if etype == "SyntaxError":
        return "truncated" if looks_truncated(source, msg, attempt.line) else "syntax"
    if etype == "NoSceneError":
        return "no_scene"
    if etype == "ModuleNotFoundError" or (etype == "PolicyError" and ABSENT_MODULE in msg):
        return "missing_module"  # the user's own module (or a package) that is not here
    if etype == "PolicyError":
        return "policy"
    if etype == "Timeout":
        return "timeout"
    named = _NAME.search(msg) or _ATTR.search(msg)
    name = next((g for g in named.groups() if g), "") if named else ""
    if name and name not in ns.star_names and name in _gl_names():
        return "manimgl"
    if etype == "TypeError" and MADE_UP_ACCESSOR.search(msg):
        # a method manim does not have (get_X/set_X reach its attribute shortcut), not a keyword
        return "unknown_attribute"
    if etype == "TypeError" and "unexpected keyword argument" in msg:
        return "unknown_kwarg"
    if is_point_error(msg) or re.search(r"too many values to unpack \(expected [23]\)", msg):
        return "point_2d"
    if missing_path(msg) is not None:
        return "missing_file"  # a file nobody gave the scene: no rewrite of the code brings it
    if "latex" in msg.lower() or "dvi" in msg.lower():
        return "latex"
    if etype in ("NameError", "ImportError", "ModuleNotFoundError"):
        return "unknown_name"
    if etype == "AttributeError":
        return "unknown_attribute"
    return "other"
