"""Readability and layout thresholds: one module that the scaffold, compiler, probe, critic,
evaluation and tests all import, so "readable" means the same thing everywhere."""

from __future__ import annotations

from .quality import QUALITIES

# Pango's glyph extent ("Hg", ascender to descender) per font-size point, in manim units:
# measured with manim 0.22 and DejaVu Sans, Text("Hg", font_size=s).height / s, s in 16..36.
GLYPH_UNITS_PER_POINT = 0.0130
# Average advance per character, per font-size point (Latin sans, and full-width CJK).
LATIN_CHAR_UNITS_PER_POINT = 0.0074
WIDE_CHAR_UNITS_PER_POINT = 0.0134

MIN_TEXT_PX = 12  # smallest readable glyph extent at the output resolution
SAFE_MARGIN = 0.2  # minimum distance from the frame edge before a mobject counts as clipped

FRAME_HEIGHT_UNITS = 8.0


def px_per_unit(quality: str = "l") -> float:
    return QUALITIES[quality].height / FRAME_HEIGHT_UNITS


def min_font_size(quality: str = "l") -> float:
    """Smallest font size whose glyphs reach MIN_TEXT_PX at this quality (16 at 480p)."""
    return MIN_TEXT_PX / (GLYPH_UNITS_PER_POINT * px_per_unit(quality))


# The scaffold targets 480p, the lowest quality, so text is readable at every quality.
MIN_FONT_SIZE = round(min_font_size("l") + 0.5)
LINE_FONT_SIZE = 24
TITLE_FONT_SIZE = 36
CANVAS_FONT_SIZE = 28

# --- layout probe (critic.probe): what counts as a layout problem ---------------------------
# Any visible part closer than SAFE_MARGIN to the frame edge is "partially out of frame".
# LaTeX glyphs are smaller than Pango's at the same font_size: MathTex("Hg").height / font_size
# (manim 0.22, the default TeX template), used for MathTex, Tex and DecimalNumber.
TEX_GLYPH_UNITS_PER_POINT = 0.0092
# Opacity below this is treated as invisible (hidden lecture lines, faded-out mobjects).
VISIBLE_MIN_OPACITY = 0.05
# Two texts overlap when their boxes share at least this fraction of the smaller box.
TEXT_OVERLAP_RATIO = 0.08
# A filled shape at least this opaque hides what it covers; lighter fills are highlights.
OPAQUE_FILL = 0.5
# ...and it is a problem once it covers this fraction of a text's box (partially: a shape
# that contains the whole text box and is drawn below it is the text's frame/background).
FILLED_SHAPE_COVERAGE = 0.15
# A stroke crossing a text's box counts only inside the box shrunk by this fraction per side
# (glyph boxes carry ascender/descender space; lines merely touching the box are fine).
TEXT_BOX_INSET = 0.12
# More separate text elements than this on screen at once is crowding. Numbers (tick labels)
# and the parts of one composite (a table, a code listing) are not counted separately.
CROWDING_MAX_TEXTS = 12
# A label (a text placed with next_to a drawn mobject, or at a Brace's tip) whose box is more
# than this far (manim units; 1.0 = LARGE_BUFF, 60 px at 480p) from its target's box.
LABEL_MAX_GAP = 1.0
# A non-text shape spanning this fraction of the frame's width or height is a full-bleed
# background (a NumberPlane, a full-screen rectangle), not clipped content.
FULL_BLEED_SPAN = 0.9
