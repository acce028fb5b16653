"""The theme inside the render: which theme this scene uses, and manim set up to follow it.

The theme reaches the sandboxed render in the scene file it runs: the render's copy of scene.py
ends with ``use(...)`` (theme/inject.py; the user's scene.py never names a theme, so switching
themes leaves code and narration alone). Outside the pipeline (``manim scene.py``, an exported
notebook) the ``C2V_THEME`` variable names one (a built-in name or a theme file); else dark.

A warm render worker imports this module once and forks a child per job: the active theme is
set in the child (by its copy of the scene), never at import time.
"""

from __future__ import annotations

import json
import os
from typing import Any

from manim import (
    AnnularSector,
    Annulus,
    DashedVMobject,
    Dot,
    ManimColor,
    MarkupText,
    Paragraph,
    Rectangle,
    Text,
    VMobject,
    config,
)

from ..theme import Theme, load_theme
from ..theme.colors import readable
from ..thresholds import GRAPHIC_CONTRAST_MIN, TEXT_CONTRAST_MIN
from .fonts import FONT, font_available

THEME_ENV = "C2V_THEME"
# manim classes whose own default colour is WHITE (not VMobject's): on a light background they
# would vanish, so they get the theme's text colour too.
_WHITE_DEFAULTS = (VMobject, Dot, Rectangle, AnnularSector, Annulus, DashedVMobject)
_TEXT_CLASSES = (Text, MarkupText, Paragraph)

_active: Theme | None = None
_warnings: list[str] = []


def use(theme: Theme | dict[str, Any] | str) -> Theme:
    """Make ``theme`` (a Theme, its JSON or its dict) this process's theme and apply it."""
    global _active
    if isinstance(theme, str):
        theme = json.loads(theme)
    _active = theme if isinstance(theme, Theme) else Theme(**theme)
    apply(_active)
    return _active


def current() -> Theme:
    """The theme of this render."""
    global _active
    if _active is None:
        _active = load_theme(os.environ.get(THEME_ENV))
    return _active


def apply(theme: Theme) -> None:
    """manim's defaults set to the theme: the background, the colour of anything not given one
    (text, equations, lines, shapes), the font of all text. Idempotent (each class's own
    defaults are restored first, so nothing piles up)."""
    config.background_color = theme.background
    for cls in _WHITE_DEFAULTS:
        cls.set_default()
        cls.set_default(color=theme.text)
    font = theme.font if theme.font and font_available(theme.font) else FONT
    if theme.font and font != theme.font:
        warn(f"the theme's font {theme.font!r} is not installed; using {FONT!r}")
    for cls in _TEXT_CLASSES:
        cls.set_default()
        cls.set_default(font=font)


def warn(message: str) -> None:
    if message not in _warnings:
        _warnings.append(message)


def warnings() -> list[str]:
    return list(_warnings)


def hex_of(color: Any) -> str:
    """Any colour manim accepts (a constant, '#58C4DD', 'blue') as '#RRGGBB'."""
    return ManimColor(color).to_hex()[:7].upper()


def text_ink(color: Any = None) -> str:
    """A colour for text on the background: the theme's text colour, or ``color`` made readable
    (WCAG's 4.5:1) without changing its hue."""
    t = current()
    return t.text if color is None else readable(hex_of(color), t.background, TEXT_CONTRAST_MIN)


def stroke_ink(color: Any = None) -> str:
    """A colour for a curve, arrow or outline: ``color`` (default: the accent) made visible on
    the background (3:1, WCAG's contrast for graphics)."""
    t = current()
    return readable(hex_of(color if color is not None else t.accent), t.background,
                    GRAPHIC_CONTRAST_MIN)


def series(i: int, color: Any = None) -> str:
    """The i-th curve's or vector's colour: the lesson's own if it gives one, else the theme's
    palette in order; readable as text either way (labels take the same colour)."""
    t = current()
    return text_ink(color if color is not None else t.palette[i % len(t.palette)])


__all__ = ["THEME_ENV", "apply", "current", "hex_of", "series", "stroke_ink", "text_ink", "use"]
