"""Readability and layout thresholds: one module that the scaffold, compiler, probe, critic,
evaluation and tests all import, so "readable" means the same thing everywhere."""

from __future__ import annotations

# Pango's glyph extent ("Hg", ascender to descender) per font-size point, in manim units:
# measured with manim 0.22 and DejaVu Sans, Text("Hg", font_size=s).height / s, s in 16..36.
GLYPH_UNITS_PER_POINT = 0.0130
# Average advance per character, per font-size point (Latin sans, and full-width CJK).
LATIN_CHAR_UNITS_PER_POINT = 0.0074
WIDE_CHAR_UNITS_PER_POINT = 0.0134

MIN_TEXT_PX = 12  # smallest readable glyph extent at the output resolution
SAFE_MARGIN = 0.2  # minimum distance from the frame edge before a mobject counts as clipped

OUTPUT_HEIGHTS = {"l": 480, "m": 720, "h": 1080, "k": 2160}
FRAME_HEIGHT_UNITS = 8.0


def px_per_unit(quality: str = "l") -> float:
    return OUTPUT_HEIGHTS[quality] / FRAME_HEIGHT_UNITS


def min_font_size(quality: str = "l") -> float:
    """Smallest font size whose glyphs reach MIN_TEXT_PX at this quality (16 at 480p)."""
    return MIN_TEXT_PX / (GLYPH_UNITS_PER_POINT * px_per_unit(quality))


# The scaffold targets 480p, the lowest quality, so text is readable at every quality.
MIN_FONT_SIZE = round(min_font_size("l") + 0.5)
LINE_FONT_SIZE = 24
TITLE_FONT_SIZE = 36
CANVAS_FONT_SIZE = 28
