"""The run's theme: --theme, else the lesson's front matter, else dark. Resolved once per run and
kept in theme.json. Only the pixels depend on it (render and probe hashes include its
fingerprint); the storyboard, the code and the narration do not, so a switch re-renders and
re-synthesizes nothing else."""

from __future__ import annotations

from pathlib import Path

from ..lesson import lesson_theme
from ..theme import Theme, ThemeError, load_theme
from .context import RunContext


def resolve_theme(ctx: RunContext, lesson: Path | None) -> Theme:
    spec, base = ctx.options.theme, None
    if spec is None and lesson is not None:
        spec = lesson_theme(lesson)
        # a theme file is relative to the lesson the user wrote, not to the run's copy of it
        original = ctx.store.state.source.get("path")
        base = Path(original).parent if original else lesson.parent
    try:
        theme = load_theme(spec, base)
    except ThemeError as e:
        if not ctx.store.theme_path.exists():
            raise
        theme = ctx.store.theme()
        ctx.warn(f"{e}; the run keeps its theme '{theme.name}'")
    ctx.store.write_theme(theme)
    ctx.theme = theme
    return theme
