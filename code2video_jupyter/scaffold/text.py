"""On-screen text through Pango (every script), wrapped to a width, never below a readable size."""

from __future__ import annotations

import re
import unicodedata

from manim import Text, VGroup

from ..thresholds import LATIN_CHAR_UNITS_PER_POINT, MIN_FONT_SIZE, WIDE_CHAR_UNITS_PER_POINT


def _char_width(ch: str, font_size: float) -> float:
    wide = unicodedata.east_asian_width(ch) in ("W", "F")
    return (WIDE_CHAR_UNITS_PER_POINT if wide else LATIN_CHAR_UNITS_PER_POINT) * font_size


def _tokens(text: str) -> list[str]:
    """Words for spaced scripts; single characters for CJK, which wraps between any two."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch.isspace():
            if word:
                out.append(word)
            out.append(" ")
            word = ""
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            if word:
                out.append(word)
            out.append(ch)
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap(text: str, width: float, font_size: float) -> str:
    """Greedy wrap by estimated advance widths; the real width is checked after layout."""
    lines: list[str] = []
    cur, cur_w = "", 0.0
    for tok in _tokens(" ".join(text.split())):
        w = sum(_char_width(c, font_size) for c in tok)
        if tok == " ":
            if cur:
                cur, cur_w = cur + " ", cur_w + w
            continue
        if cur.strip() and cur_w + w > width:
            lines.append(cur.rstrip())
            cur, cur_w = "", 0.0
        cur, cur_w = cur + tok, cur_w + w
    if cur.strip():
        lines.append(cur.rstrip())
    return "\n".join(lines)


def _words(text: str) -> float:
    """Words in a text, a CJK character counting as half of one."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in ("W", "F"))
    return len(text.split()) + wide / 2


def reading_seconds(text: str) -> float:
    """Time a viewer needs to read a line: about 3.3 words (or 7 CJK characters) a second."""
    return max(1.5, 0.3 * _words(text))


def speaking_seconds(text: str) -> float:
    """Time a voice takes to say a text at a steady 150 words a minute (text-to-speech voices
    speak at 140-170)."""
    return max(1.0, 0.4 * _words(text))


def wrapped_text(
    text: str,
    width: float,
    font_size: float,
    max_height: float | None = None,
    **kwargs,
) -> Text:
    """Text wrapped to ``width``; shrinks the font (not below MIN_FONT_SIZE) to fit the height.

    If even the smallest readable size overflows, the text stays readable and overflows; the
    layout probe reports it rather than the scene hiding it as unreadable specks.
    """
    size = font_size
    while True:
        mob = Text(wrap(text, width, size), font_size=size, line_spacing=0.8, **kwargs)
        if mob.width > width:  # the estimate was short: shrink to the measured width
            mob.scale_to_fit_width(width)
        too_tall = max_height is not None and mob.height > max_height
        if not too_tall or size <= MIN_FONT_SIZE:
            break
        size = max(MIN_FONT_SIZE, size - 2)
    return mob


def text_part(text: Text, part: str) -> VGroup:
    """ManimGL's ``text["word"]`` for a Manim Community ``Text``: the glyphs of every place
    ``part`` is written, an empty group where it is nowhere (as ManimGL gives). A Text keeps one
    glyph per character that is not white space, in ``text.chars`` beside ``text.text``; the
    part is looked up the same way, without its spaces."""
    wanted = re.sub(r"\s+", "", part)
    if not wanted:
        return VGroup()
    starts = [m.start() for m in re.finditer(f"(?={re.escape(wanted)})", text.text)]
    return VGroup(*(text.chars[i:i + len(wanted)] for i in starts))
