"""The built-in themes. ``dark`` is the look every video had before themes existed (manim's
black background, its WHITE text, GREY_B/GREY_D lines, YELLOW highlight and BLUE/YELLOW/GREEN/RED
curves: manim 0.22's values), so a run that names no theme renders as before."""

from __future__ import annotations

from .model import Theme

DARK = Theme(
    name="dark",
    background="#000000", text="#FFFFFF", muted="#BBBBBB", dim="#444444", rule="#444444",
    highlight="#F7D96F", accent="#58C4DD",
    palette=["#58C4DD", "#F7D96F", "#83C167", "#FC6255", "#C792EA", "#FFB86C"],
    code_style="monokai",
)

# For projectors in lit rooms: a dark background washes out there, dark ink on a light one
# does not. Off-white rather than pure white, which glares on a projector.
LIGHT = Theme(
    name="light",
    background="#F8F8F4", text="#1A1A1A", muted="#4D4D4D", dim="#9E9E9E", rule="#B4B4B4",
    highlight="#B3400A", accent="#1B64A8",
    palette=["#1B64A8", "#A15C00", "#2E7D32", "#C62828", "#7B1FA2", "#00796B"],
    code_style="xcode",  # of Pygments' light styles, the one whose every colour reads on it
)

# Maximum contrast for low vision: pure black and white, saturated signal colours, and the
# upcoming lines readable too.
HIGH_CONTRAST = Theme(
    name="high-contrast",
    background="#000000", text="#FFFFFF", muted="#E6E6E6", dim="#A6A6A6", rule="#FFFFFF",
    highlight="#FFFF00", accent="#00FFFF",
    palette=["#00FFFF", "#FFFF00", "#00FF00", "#FF7070", "#FF80FF", "#FFB000"],
    code_style="rrt",  # black, and every token colour at least 5:1 on it
)

BUILTIN: dict[str, Theme] = {t.name: t for t in (DARK, LIGHT, HIGH_CONTRAST)}
DEFAULT = DARK
