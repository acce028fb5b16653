"""The theme travels to the sandboxed render in the scene file it runs: the render's copy of
scene.py gets one last statement that sets the theme (scaffold/theme.py's ``use``). Appended,
not prepended, so every line number in errors, timelines and findings is the scene.py's own;
the user's scene.py is never changed, so a theme switch re-renders without touching code."""

from __future__ import annotations

from .. import pyparse
from .model import Theme

MARK = "# code2video: the run's theme, added to the copy that is rendered (scene.py has none)"


def themed_source(source: str, theme: Theme) -> str:
    """``source`` with the statement that sets ``theme`` appended; a source that does not parse
    is left as it is (it fails with its own error, at its own line)."""
    try:
        pyparse.parse(source)
    except SyntaxError:
        return source
    payload = theme.model_dump_json()
    return (source.rstrip("\n") + "\n\n\n" + MARK + "\n"
            "import code2video_jupyter.scaffold.theme as _c2v_theme  # noqa: E402\n"
            f"_c2v_theme.use({payload!r})\n")
