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
from .policy import ALLOWED_IMPORTS

PLUGIN = "manim_voiceover"
# the plugin under the names it is installed as: manim-voiceover-plus is a fork that keeps its
# API (kept up for newer Pythons), imported as manim_voiceover_plus
PLUGINS = frozenset({PLUGIN, "manim_voiceover_plus"})
STAND_IN = "code2video_jupyter.scaffold.voiceover"
# what the plugin's top level and its tracker module give that the stand-in has too
_SCENE_NAMES = frozenset({"VoiceoverScene", "VoiceoverTracker"})


def _service(bound: str) -> str:
    """The stand-in's speech service under the name the scene uses (any service: no voice is
    called while the scene runs)."""
    return f"SpeechService as {bound}"


def _stand_in(node: ast.ImportFrom) -> str | None:
    """The import that replaces ``node``, or None when it names something the stand-in lacks."""
    module = node.module or ""
    names: list[str] = []
    for a in node.names:
        bound = a.asname or a.name
        if module.split(".")[1:2] == ["services"] and a.name.endswith("Service"):
            names.append(_service(bound))
        elif a.name in _SCENE_NAMES:
            names.append(a.name if bound == a.name else f"{a.name} as {bound}")
        else:
            return None
    return f"from {STAND_IN} import {', '.join(names)}"


def _module_stand_in(node: ast.Import) -> str | None:
    """``import manim_voiceover_plus.services.base as base`` (to patch the plugin's
    SpeechService): the stand-in module under that name. Without ``as`` the code reads the
    plugin's own dotted path, which the stand-in does not have."""
    if len(node.names) != 1 or not node.names[0].asname or node.names[0].name.split(".")[0] not in PLUGINS:
        return None
    return f"import {STAND_IN} as {node.names[0].asname}"


def _own_services(tree: ast.Module) -> list[ast.ImportFrom]:
    """Imports of a speech service the app wrote itself (``from kokoro_mv.koko import
    KokoroService``, a module the sandbox refuses), or of its factory (``from src.utils.voice
    import get_speech_service``): each name they bind is one whose only use is
    ``self.set_speech_service(name(...))``. The plugin's stand-in takes its place."""
    given: set[int] = set()  # the names called inside set_speech_service(...)
    uses: dict[str, list[ast.Name]] = {}
    for n in pyparse.walk(tree):
        if isinstance(n, ast.Name):
            uses.setdefault(n.id, []).append(n)
        elif (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "set_speech_service"
              and len(n.args) == 1 and isinstance(n.args[0], ast.Call) and isinstance(n.args[0].func, ast.Name)):
            given.add(id(n.args[0].func))
    out = []
    for node in tree.body:
        if not (isinstance(node, ast.ImportFrom) and node.module and not node.level
                and node.module.split(".")[0] not in ALLOWED_IMPORTS | PLUGINS):
            continue
        names = [a.asname or a.name for a in node.names]
        if "*" not in names and all(
                name.endswith(("Service", "_service")) and uses.get(name)
                and all(id(u) in given for u in uses[name]) for name in names):
            out.append(node)
    return out


def port_voiceover(source: str) -> tuple[str, list[Fix]]:
    """The source with its manim-voiceover imports pointed at the stand-in, and what changed.
    The same string comes back when the file does not use the plugin."""
    if PLUGIN not in source:  # both of PLUGINS contain it
        return source, []
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    lines = source.split("\n")
    fixes: list[Fix] = []
    own = _own_services(tree)
    for node in reversed(tree.body):
        if isinstance(node, ast.Import):
            new, why = _module_stand_in(node), "offline: the stand-in has the plugin's speech service"
        elif not isinstance(node, ast.ImportFrom):
            continue
        elif not node.level and (node.module or "").split(".")[0] in PLUGINS:
            new, why = _stand_in(node), "offline: the installed voice speaks it, audio first"
        elif node in own:
            new = f"from {STAND_IN} import " + ", ".join(_service(a.asname or a.name) for a in node.names)
            why = ("the app's own speech service, which is not here; offline, the installed voice "
                   "speaks it, audio first")
        else:
            continue
        if new is None:
            continue
        indent = lines[node.lineno - 1][:node.col_offset]
        lines[node.lineno - 1:node.end_lineno or node.lineno] = [indent + new]
        fixes.append(Fix(node.lineno, "import", f"`{ast.unparse(node)}` -> `{new}` ({why})"))
    if not fixes:
        return source, []
    return "\n".join(lines), sorted(fixes, key=lambda f: f.line)
