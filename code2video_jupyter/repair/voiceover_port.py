"""Programs written for the manim-voiceover plugin, pointed at its offline stand-in.

Models asked for a narrated video import ``VoiceoverScene`` and a speech service from
``manim_voiceover``. The sandbox refuses that import (the plugin calls a voice over the network
as the scene renders), so the scene could not run at all. The imports are rewritten to the
scaffold's ``voiceover`` module, which keeps the plugin's API (``set_speech_service``,
``with self.voiceover(text=...) as tracker``, bookmarks); ``fix`` has the voiceovers spoken by
the installed voice before the render (narration/voiceover.py). The scene's own code is left as
it is.
"""

from __future__ import annotations

import ast

from .. import pyparse
from .fixes import Fix

PLUGIN = "manim_voiceover"
STAND_IN = "code2video_jupyter.scaffold.voiceover"
# what the plugin's top level and its tracker module give that the stand-in has too
_SCENE_NAMES = frozenset({"VoiceoverScene", "VoiceoverTracker"})


def _stand_in(node: ast.ImportFrom) -> str | None:
    """The import that replaces ``node``, or None when it names something the stand-in lacks."""
    module = node.module or ""
    names: list[str] = []
    for a in node.names:
        bound = a.asname or a.name
        if module.startswith(f"{PLUGIN}.services") and a.name.endswith("Service"):
            names.append(f"SpeechService as {bound}")
        elif a.name in _SCENE_NAMES:
            names.append(a.name if bound == a.name else f"{a.name} as {bound}")
        else:
            return None
    return f"from {STAND_IN} import {', '.join(names)}"


def port_voiceover(source: str) -> tuple[str, list[Fix]]:
    """The source with its manim-voiceover imports pointed at the stand-in, and what changed.
    The same string comes back when the file does not use the plugin."""
    if PLUGIN not in source:
        return source, []
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    lines = source.split("\n")
    fixes: list[Fix] = []
    for node in reversed(tree.body):
        if not (isinstance(node, ast.ImportFrom) and not node.level
                and (node.module or "").split(".")[0] == PLUGIN):
            continue
        new = _stand_in(node)
        if new is None:
            continue
        indent = lines[node.lineno - 1][:node.col_offset]
        lines[node.lineno - 1:node.end_lineno or node.lineno] = [indent + new]
        fixes.append(Fix(node.lineno, "import", f"`{ast.unparse(node)}` -> `{new}` (offline: the "
                                                "installed voice speaks it, audio first)"))
    if not fixes:
        return source, []
    return "\n".join(lines), sorted(fixes, key=lambda f: f.line)
