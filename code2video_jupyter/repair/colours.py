"""What manim calls a colour that a program names another way: ``LIGHT_BLUE`` (manim grades
its palette: ``BLUE_B``), ``CYAN`` (manim's ``TEAL``), ``NAVY`` (in manim's xkcd table),
and the same names written as strings (``color="light blue"``, ``"navy"``). The gate uses it
for string colours, the static fixes for constant names."""

from __future__ import annotations

import re

from . import renames
from .namespace import Namespace

_SHADES = {"LIGHT": "B", "PALE": "A", "DARK": "E", "DEEP": "E", "BRIGHT": "C"}


def graded(name: str, ns: Namespace) -> str | None:
    """LIGHT_X -> X_B, DARK_X -> X_E, for manim's graded palettes."""
    m = re.match(r"^(LIGHT|DARK|PALE|DEEP|BRIGHT)_([A-Z]+)$", name)
    if not m:
        return None
    for candidate in (f"{m.group(2)}_{_SHADES[m.group(1)]}", m.group(2)):
        if candidate in ns.colors:
            return candidate
    return None


def colour_string(text: str, ns: Namespace) -> str | None:
    """A string manim's colour parser takes for the colour ``text`` names ("light blue" ->
    X11's "#ADD8E6", "dark green" -> "green_e", "navy" -> xkcd's), or None when no table
    lists it. Manim's own names first, then the tables strings are usually written from."""
    name = re.sub(r"[\s\-]+", "_", text.strip()).upper()
    joined = name.replace("_", "")
    if name in ns.colors:
        return name.lower()
    if joined.lower() in ns.x11:  # the CSS and X11 names strings are written in, as they define them
        return ns.x11[joined.lower()]
    if (shade := graded(name, ns)) is not None:
        return shade.lower()
    known = renames.NAMES.get(name)
    if known in ns.colors:
        return known.lower()
    if joined in ns.xkcd:
        return ns.xkcd[joined]
    return None
