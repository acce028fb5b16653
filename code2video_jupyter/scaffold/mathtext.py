"""Mathematics: MathTex when LaTeX is installed, a readable Pango fallback when it is not."""

from __future__ import annotations

import functools
import logging
import re
import shutil
import sys

from manim import DecimalNumber, MathTex, Mobject, Text, VGroup, VMobject

from ..thresholds import EQUATION_FONT_SIZE, MATH_LABEL_FONT_SIZE

# Unicode forms for the common LaTeX that the fallback meets in school and university lessons.
_SUP = str.maketrans("0123456789+-=()nix", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱˣ")
_SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


@functools.cache
def has_latex() -> bool:
    return shutil.which("latex") is not None and shutil.which("dvisvgm") is not None


def latex_to_unicode(latex: str) -> str:
    """A plain-text rendering of LaTeX math for the no-LaTeX fallback."""
    from pylatexenc.latex2text import LatexNodes2Text

    s = re.sub(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"(\1)/(\2)", latex)
    s = re.sub(r"\\sqrt\s*\{([^{}]*)\}", r"√(\1)", s)
    s = re.sub(r"\^\{([^{}]*)\}", lambda m: _sup(m.group(1)), s)
    s = re.sub(r"\^(\w)", lambda m: _sup(m.group(1)), s)
    s = re.sub(r"_\{([^{}]*)\}", lambda m: _sub(m.group(1)), s)
    s = re.sub(r"_(\d)", lambda m: _sub(m.group(1)), s)
    text = LatexNodes2Text(math_mode="text").latex_to_text(s)
    return " ".join(text.split())


def _sup(s: str) -> str:
    t = s.translate(_SUP)
    return t if t != s or not s else "^" + s


def _sub(s: str) -> str:
    t = s.translate(_SUB)
    return t if t != s or not s else "_" + s


def equation(latex: str, font_size: float = EQUATION_FONT_SIZE, isolate: list[str] | None = None, **kwargs) -> Mobject:
    """An equation; falls back to text (and says so on stderr) if LaTeX is missing or fails."""
    if has_latex():
        try:
            return MathTex(latex, font_size=font_size, substrings_to_isolate=isolate or [], **kwargs)
        except Exception as e:  # noqa: BLE001 - a bad formula must not cost the whole section
            print(f"code2video: LaTeX failed for {latex!r} ({type(e).__name__}); using text",
                  file=sys.stderr)
    return Text(latex_to_unicode(latex), font_size=font_size * 0.8, **kwargs)


def math_label(latex: str, font_size: float = MATH_LABEL_FONT_SIZE) -> Mobject:
    """A short label (vertex, side, axis): math italic with LaTeX, plain text without."""
    return equation(latex, font_size=font_size)


def changeable_number(tex: MathTex, value: float | int | str, index: int = 0,
                      replace_all: bool = False, **config) -> Mobject:
    """ManimGL's ``tex.make_number_changeable(value)`` for a Manim Community formula: the glyphs
    written ``value`` give way to a DecimalNumber in their place (same width, colour and spot),
    which ``set_value`` and updaters then change. The part must be isolated in the formula's
    constructor (the repair does that). Where it is nowhere: an empty VMobject, as ManimGL
    gives (with a warning there too)."""
    written = str(value)
    ids = [i for s, i in getattr(tex, "matched_strings_and_ids", []) if s == written]
    if len(ids) <= index:
        logging.getLogger(__name__).warning("%s not found in %s to make changeable", written, type(tex).__name__)
        return VMobject()
    config.setdefault("num_decimal_places", len(written.split(".")[1]) if "." in written else 0)
    made = []
    for i in ids if replace_all else [ids[index]]:
        glyphs = tex.id_to_vgroup_dict[i]
        parent = next(m for m in tex.get_family() if glyphs[0] in m.submobjects)
        at = parent.submobjects.index(glyphs[0])
        number = DecimalNumber(float(value), **config)
        number.replace(glyphs)
        number.match_style(glyphs[0])
        parent.remove(*glyphs)
        parent.submobjects.insert(at, number)
        tex.id_to_vgroup_dict[i] = VGroup(number)  # the part, looked up again, is the number
        made.append(number)
    return VGroup(*made) if replace_all else made[0]


# What ManimGL counts as one glyph of a formula: a command, or a character other than LaTeX's
# grouping and spacing; and the commands that draw nothing themselves.
_SYMBOL = re.compile(r"\\[A-Za-z]+|[^\^{}\s_$\\&]")
_NO_GLYPH = frozenset([
    r"\left", r"\right", r"\big", r"\Big", r"\bigg", r"\Bigg", r"\displaystyle", r"\textstyle",
    r"\scriptstyle", r"\mathrm", r"\mathbf", r"\mathit", r"\mathsf", r"\mathtt", r"\mathcal", r"\mathbb",
    r"\text", r"\textbf", r"\textit", r"\textrm", r"\operatorname", r"\quad", r"\qquad", r"\limits",
    r"\nolimits", r"\begin", r"\end", r"\hspace", r"\vspace",
])


def _symbols(tex: str) -> list[str]:
    return [s for s in _SYMBOL.findall(tex) if s not in _NO_GLYPH]


def formula_part(tex: MathTex, part: str | re.Pattern[str]) -> VGroup | None:
    """ManimGL's ``equation["e^{\\pi i}"]`` (or ``equation[re.compile(...)]``) for a Manim
    Community formula: the glyphs of every place ``part`` is written, one group each. An
    isolated part is manim's own lookup; any other is found as ManimGL finds it, by counting
    symbols before and in each place (a command or a character is one glyph), only where that
    count matches the glyphs the formula has: an empty group where it is nowhere (as ManimGL
    gives), None where the count cannot tell (as manim's ``get_part_by_tex`` gives)."""
    if isinstance(part, str) and (found := tex.get_part_by_tex(part)) is not None:
        return found
    written = tex.get_tex_string()
    glyphs = tex.family_members_with_points()
    if len(_symbols(written)) != len(glyphs):
        return None
    spans = [m.span() for m in (part.finditer(written) if isinstance(part, re.Pattern)
                                else re.finditer(re.escape(part), written))]
    places = []
    for start, end in spans:
        first, n = len(_symbols(written[:start])), len(_symbols(written[start:end]))
        if n:
            places.append(VGroup(*glyphs[first:first + n]))
    return VGroup(*places)
