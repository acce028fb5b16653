"""Colour arithmetic for themes: WCAG contrast, alpha blending, and a colour made readable on a
background. Pure Python (no manim), so the theme model, the probe's judging side and the panel
share it with the scaffold."""

from __future__ import annotations

import colorsys
import re

RGB = tuple[float, float, float]
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_hex(color: str) -> RGB:
    """'#RGB' or '#RRGGBB' -> (r, g, b) in 0..1."""
    m = _HEX.match(color.strip())
    if not m:
        raise ValueError(f"{color!r} is not a hex colour like #1A1A1A")
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def normalize(color: str) -> str:
    """The canonical spelling of a hex colour ('#abc' -> '#AABBCC')."""
    return to_hex(parse_hex(color))


def luminance(rgb: RGB) -> float:
    """Relative luminance (WCAG 2: sRGB linearized, Rec. 709 weights)."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB | str, b: RGB | str) -> float:
    """WCAG contrast ratio, 1 (same) .. 21 (black on white)."""
    la = luminance(parse_hex(a) if isinstance(a, str) else a)
    lb = luminance(parse_hex(b) if isinstance(b, str) else b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def blend(over: RGB, under: RGB, alpha: float) -> RGB:
    """``over`` drawn at ``alpha`` opacity on ``under``."""
    a = max(0.0, min(1.0, alpha))
    return (over[0] * a + under[0] * (1 - a), over[1] * a + under[1] * (1 - a),
            over[2] * a + under[2] * (1 - a))


def readable(color: str, background: str, minimum: float) -> str:
    """``color`` itself when it reaches ``minimum`` contrast on ``background``; otherwise the same
    hue made darker (on a light background) or lighter (on a dark one) until it does. A lesson's
    "#FFFF00" stays yellow on black and becomes a dark gold on white."""
    rgb, bg = parse_hex(color), parse_hex(background)
    if contrast(rgb, bg) >= minimum:
        return to_hex(rgb)
    goal = minimum * 1.02  # a little over: the hex rounding of the result must not undo it
    h, light, s = colorsys.rgb_to_hls(*rgb)
    target = 0.0 if luminance(bg) > 0.18 else 1.0  # toward the far end from the background
    lo, hi = light, target  # bisect the lightness between the colour and black/white
    for _ in range(24):
        mid = (lo + hi) / 2
        if contrast(colorsys.hls_to_rgb(h, mid, s), bg) >= goal:
            hi = mid
        else:
            lo = mid
    out = colorsys.hls_to_rgb(h, hi, s)
    if contrast(out, bg) < minimum:  # not reachable with this hue: black or white
        out = colorsys.hls_to_rgb(h, target, 0.0)
    return to_hex(out)
