"""Themes: the colours and fonts of a video (see model.Theme). Core code, no manim: the scaffold
applies a theme inside the render (scaffold/theme.py); everything else reads the model."""

from .builtin import BUILTIN, DARK, DEFAULT, HIGH_CONTRAST, LIGHT
from .load import ThemeError, builtin_name, load_theme, theme_from_data
from .model import Theme

__all__ = ["BUILTIN", "DARK", "DEFAULT", "HIGH_CONTRAST", "LIGHT", "Theme", "ThemeError",
           "builtin_name", "load_theme", "theme_from_data"]
