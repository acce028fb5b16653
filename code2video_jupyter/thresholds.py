"""Readability and layout thresholds: one module that the scaffold, compiler, probe, critic,
evaluation and tests all import, so "readable" means the same thing everywhere."""

from __future__ import annotations

import math

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

# --- mid-animation states (sandbox.midstate, critic.motion) ---------------------------------
# Interpolation points measured in every play that moves something (fractions of its run time),
# besides alpha 0 (the start state) and the end state the probe always measured. A quarter
# step is the coarsest that still puts a sample near the middle of a swap, where the two
# objects meet (the corpus's swaps collide over 20-60% of the run time with manim's smooth rate).
MOTION_ALPHAS = (0.25, 0.5, 0.75)
# Each rate function is read on this grid to find its extremes (an ease_out_back overshoot, the
# turning point of there_and_back): they are added as samples.
MOTION_RATE_GRID = 41
# A rotation (Rotate, Rotating, a path_arc) gets a sample every this many radians of its angle:
# an object's box is widest where it points along an axis, at most 45 degrees from a sample.
MOTION_ROTATION_STEP = math.pi / 4
# MoveAlongPath: samples at these fractions of the path (its extremes are somewhere along it).
MOTION_PATH_SAMPLES = 6
# At most this many samples per play, whatever its parts ask for (the probe stays cheap).
MOTION_MAX_SAMPLES = 8
# In motion only what a viewer clearly sees counts: a part this far past the frame's edge
# (manim units; 0.05 = 3 px at 480p). Entering the safe margin in passing is not reported.
MOTION_CLIP_TOLERANCE = 0.05
# Two moving closed shapes (circles, squares, dots; or any filled shape) collide when their
# boxes share this fraction of the smaller box at some sample, and did not at start or end.
MOTION_COLLISION_RATIO = 0.25

# --- density as a viewer reads it (critic.density) -------------------------------------------
# Chosen on tests/layout_corpus (7 planted density defects, 8 dense-but-correct scenes among the
# 41 correct ones) and the 16 compiled example-lesson scenes; the measured values are in
# bench/README.md ("Density thresholds"). Each sits between the largest value of a correct
# scene and the smallest of a planted one, and agrees with a reading rule of thumb.
#
# Reading rates. Prose: 15 glyphs/s, about 3.3 words a second -- the rate scaffold.text's
# reading_seconds gives each lecture line, and subtitle guidance for adults (15-17 characters a
# second). Formulas (LaTeX glyphs: symbols, bars, brackets) at half of it: 7.5 glyphs/s, so
# a^2 + b^2 = c^2 (9 glyphs) takes 1.5 s. At 5 glyphs/s two correct lesson equations came out
# unreadable in the time their narration gives them.
READ_TEXT_GLYPHS_PER_S = 15.0
READ_MATH_GLYPHS_PER_S = 7.5
# Finding each separate text costs a fixation or two (0.2-0.3 s each): twelve readouts cost 3.6 s
# before a digit is read. This is what makes a dashboard dense where a single paragraph of the
# same length is not.
READ_ITEM_SECONDS = 0.3
# Texts a viewer looks up rather than reads through (a table's entries, tick numbers, a code
# listing, numbers) count at this share of their reading time towards a wall, and not at all
# towards reading speed. With it a 7x4 planet table (6.2 s) and a 7x7 times table (10.7 s) stay
# under the wall; counted in full they would be 18 s and 31 s.
SCANNED_SHARE = 0.35
# A wall of text: more than this many seconds of reading on screen at once (text_wall). Correct
# scenes reach 10.7 s at most (five spaced bullets under a title: 10.5 s); the planted walls
# start at 12.8 s (twelve readouts), then 15 (a text block), 19 (ten stacked equations) and
# 21 (a column of nine notes). 12 s is about 180 glyphs or 36 words of prose: the "six lines of
# six words" rule for a slide, which a video, where the picture also moves, should not exceed.
WALL_READ_SECONDS = 12.0
# ...or more than this many seconds packed in one region of the anchor grid (2x2 cells, a ninth
# of the canvas): correct scenes reach 5.5 s (the bullets), planted walls 7.5-10.3 s (a stacked
# derivation, a notes column, a cramped proof).
WALL_REGION_SECONDS = 7.0
# ...and "high" from this multiple of WALL_READ_SECONDS on.
WALL_HIGH_FACTOR = 1.5
# Separate texts stacked one under another with a gap below this share of their glyph height
# run together (lines_cramped). Typographic leading of 1.2-1.5 x the font size leaves 0.2-0.5 of
# the glyph extent between glyph boxes; manim's arrange() default (0.25 units) leaves 0.6 at
# font size 30. Correct scenes: no stacked pair below 0.5; the planted proof: 0.08.
LINE_GAP_MIN = 0.2
# ...reported from this many cramped pairs (three lines) on: a title with its subtitle close
# under it is one pair and a deliberate group.
CRAMPED_MIN_PAIRS = 2
# reading_too_fast: text leaves the screen when a viewer reading at the rates above (in the order
# texts appear) still needs this many seconds for it. Viewers differ by about this much over
# 6 s of text (15 vs 20 glyphs/s); correct scenes stay under it, planted ones are 1.8-13 s short.
READ_MIN_SHORTFALL = 1.5
READ_HIGH_SHORTFALL = 3.0
# Text still on screen when the scene ends stays a little longer than the scene: a player holds
# the last frame, present mode holds the last step, a lesson's next section fades in.
READ_END_GRACE = 2.0
