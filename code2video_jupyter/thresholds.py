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
# The scaffold's text on the canvas (scaffold.figures, scaffold.mathtext), in font-size points.
CANVAS_FONT_SIZE = 28  # captions, code listings
BODY_FONT_SIZE = 30  # text blocks, table entries
TICK_FONT_SIZE = 22  # numbers along an axis
EQUATION_FONT_SIZE = 44  # equations, a matrix's label
MATRIX_FONT_SIZE = 40  # a matrix's entries
MATH_LABEL_FONT_SIZE = 32  # a formula used as a label

# --- layout probe (critic.probe): what counts as a layout problem ---------------------------
# Any visible part closer than SAFE_MARGIN to the frame edge is "partially out of frame".
# LaTeX glyphs are smaller than Pango's at the same font_size: MathTex("Hg").height / font_size
# (manim 0.22, the default TeX template), used for MathTex, Tex and DecimalNumber.
TEX_GLYPH_UNITS_PER_POINT = 0.0092
# Opacity below this is treated as invisible (hidden lecture lines, faded-out mobjects).
VISIBLE_MIN_OPACITY = 0.05
# Text this close to MIN_TEXT_PX (px) passes: rounding in the measurement, not small text.
TEXT_PX_SLACK = 0.05
# Text below this share of MIN_TEXT_PX is a "high" finding (barely legible), above it "medium".
TEXT_TOO_SMALL_HIGH = 0.75
# Two texts overlap when their boxes share at least this fraction of the smaller box...
TEXT_OVERLAP_RATIO = 0.08
# ...and the overlap is "high" from this fraction on.
TEXT_OVERLAP_HIGH = 0.3
# A filled shape at least this opaque hides what it covers; lighter fills are highlights.
OPAQUE_FILL = 0.5
# ...and it is a problem once it covers this fraction of a text's box (partially: a shape
# that contains the whole text box and is drawn below it is the text's frame/background).
FILLED_SHAPE_COVERAGE = 0.15
# A text with at least this fraction of its box on a filled shape drawn below it sits on it
# (a label on a card); less is a text sticking out of the shape.
TEXT_ON_FILL = 0.98
# Slack (manim units) when asking whether one box contains another.
CONTAINS_TOLERANCE = 0.02
# A stroke crossing a text's box counts only inside the box shrunk by this fraction per side
# (glyph boxes carry ascender/descender space; lines merely touching the box are fine).
TEXT_BOX_INSET = 0.12
# More separate text elements than this on screen at once is crowding. Numbers (tick labels)
# and the parts of one composite (a table, a code listing) are not counted separately.
CROWDING_MAX_TEXTS = 12
# ...and "high" crowding beyond this multiple of it.
CROWDING_HIGH_FACTOR = 1.5
# A label (a text placed with next_to a drawn mobject, or at a Brace's tip) whose box is more
# than this far (manim units; 1.0 = LARGE_BUFF, 60 px at 480p) from its target's box.
LABEL_MAX_GAP = 1.0

# --- colour contrast (theme.Theme's checks, the probe's contrast check) --------------------
# WCAG 2 contrast ratios: text needs 4.5:1, large text 3:1, graphics (strokes, curves) 3:1.
TEXT_CONTRAST_MIN = 4.5
LARGE_TEXT_CONTRAST_MIN = 3.0
# Glyphs at least this share of the frame's height count as large text (24 px at 480p, about
# WCAG's 18 pt on a full-screen 1080p display).
LARGE_TEXT_FRAME_SHARE = 0.05
GRAPHIC_CONTRAST_MIN = 3.0
# Upcoming lecture lines are dimmed on purpose (the viewer is not meant to read ahead), but a
# theme still keeps them visible.
DIM_CONTRAST_MIN = 2.0
# Text below this ratio is a "high" contrast finding (hard to see at all), above it "medium".
CONTRAST_HIGH = 2.0

# --- the critic (critic.layout_fixes) -------------------------------------------------------
# One number per report to compare a section before and after a fix: findings weighted so.
SEVERITY_WEIGHTS = {"high": 3, "medium": 2, "low": 1}
# Text too small is scaled up by what it lacks of MIN_TEXT_PX, within these bounds (and by the
# default when the probe gave no size).
TEXT_SCALE_MIN = 1.15
TEXT_SCALE_MAX = 2.0
TEXT_SCALE_DEFAULT = 1.5
