"""What colour each text has, on what it is drawn on: measured in the probe's dry run (after
every play and wait) and written into timeline.json as ``inks``; critic/contrast.py judges them.

The background under a text is the theme's, with every filled shape drawn before the text that
covers the text's centre blended over it by its opacity (a label on a tinted square, a code
listing on its panel, a tick number on its backing). Nothing is judged here; the scaffold's own
title and lecture lines are left out (the theme's own check covers their colours).
"""

from __future__ import annotations

from typing import Any

from manim import (
    BackgroundRectangle,
    Mobject,
    Paragraph,
    SingleStringMathTex,
    Text,
    VMobject,
    config,
)
from manim.utils.family import extract_mobject_family_members

from ..theme.colors import blend, contrast, parse_hex, to_hex
from ..thresholds import GLYPH_UNITS_PER_POINT, TEX_GLYPH_UNITS_PER_POINT, VISIBLE_MIN_OPACITY

TEXT_UNITS = (Text, Paragraph, SingleStringMathTex)  # MarkupText is a Text's sibling: below
MAX_RECORDS = 400


def _is_text(m: Mobject) -> bool:
    from manim import MarkupText

    return isinstance(m, TEXT_UNITS + (MarkupText,))


class InkSampler:
    def __init__(self, scene: Any, chrome: tuple[Mobject, ...]) -> None:
        self.scene = scene
        self.chrome = {id(m) for c in chrome for m in c.get_family()}
        self.found: dict[tuple, dict[str, Any]] = {}

    def records(self) -> list[dict[str, Any]]:
        return list(self.found.values())

    def sample(self) -> None:
        scene = self.scene
        tops = list(scene.mobjects) + [m for m in scene.foreground_mobjects if m not in scene.mobjects]
        drawn = extract_mobject_family_members(
            tops, use_z_index=getattr(scene.camera, "use_z_index", True), only_those_with_points=True)
        order = {id(m): i for i, m in enumerate(drawn)}
        units = _text_units(tops)
        glyphs = {id(x) for u, _ in units for x in _glyphs(u)}
        fills = [(order[id(m)], _box(m), _rgb(m.get_fill_color()), float(m.get_fill_opacity()))
                 for m in drawn if id(m) not in glyphs and isinstance(m, VMobject)
                 and m.get_fill_opacity() >= VISIBLE_MIN_OPACITY]
        background = parse_hex(scene.theme.background)
        t = round(float(scene.renderer.time), 3)
        for unit, line in units:
            if id(unit) in self.chrome:
                continue
            leaves = [x for x in _glyphs(unit) if x.get_fill_opacity() >= VISIBLE_MIN_OPACITY]
            if not leaves:
                continue
            z = min(order.get(id(x), 0) for x in leaves)
            box = _union([_box(x) for x in leaves])
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            under = background
            for i, fb, rgb, alpha in sorted(fills, key=lambda f: f[0]):
                if i < z and fb[0] <= cx <= fb[2] and fb[1] <= cy <= fb[3]:
                    under = blend(rgb, under, alpha)
            worst = None
            for x in leaves:
                ink = blend(_rgb(x.get_fill_color()), under, float(x.get_fill_opacity()))
                ratio = contrast(ink, under)
                if worst is None or ratio < worst[0]:
                    worst = (ratio, ink)
            ratio, ink = worst
            key = (_text_of(unit), line, to_hex(ink), to_hex(under))
            if key in self.found or len(self.found) >= MAX_RECORDS:
                continue
            self.found[key] = {
                "cls": type(unit).__name__, "text": key[0], "line": line, "ink": key[2],
                "under": key[3], "ratio": round(ratio, 3), "glyph_px": _glyph_px(unit),
                "bbox": [round(v, 4) for v in box], "time": t,
            }


def _text_units(tops: list[Mobject]) -> list[tuple[Mobject, int | None]]:
    """Every text (not split further) with the scene-file line that made it or its nearest
    container (known in the probe, whose recorder tags each mobject with its origin)."""
    out: list[tuple[Mobject, int | None]] = []
    stack: list[tuple[Mobject, int | None]] = [(m, None) for m in reversed(tops)]
    while stack:
        m, line = stack.pop()
        origin = m.__dict__.get("_c2v_origin")
        line = origin[0] if origin and origin[0] is not None else line
        if _is_text(m):
            out.append((m, line))
        else:
            stack.extend((s, line) for s in reversed(m.submobjects))
    return out


def _glyphs(unit: Mobject) -> list[VMobject]:
    return [x for x in unit.family_members_with_points()
            if isinstance(x, VMobject) and not isinstance(x, BackgroundRectangle)]


def _rgb(color: Any) -> tuple[float, float, float]:
    r, g, b = color.to_rgb()[:3]
    return (float(r), float(g), float(b))


def _box(m: Mobject) -> list[float]:
    p = m.points
    return [float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max())]


def _union(boxes: list[list[float]]) -> list[float]:
    return [min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes)]


def _text_of(m: Mobject) -> str:
    for attr in ("original_text", "tex_string", "text"):
        v = getattr(m, attr, None)
        if isinstance(v, str) and v.strip():
            return " ".join(v.split())[:80]
    inner = getattr(m, "lines_text", None)  # a Paragraph keeps its text as one Text
    return _text_of(inner) if isinstance(inner, Text) else ""


def _glyph_px(m: Mobject) -> float | None:
    """Glyph extent in pixels at the output resolution, as the probe's size check measures it."""
    ref = getattr(m, "c2v_reference", None)
    size = ref[0] * m.width / ref[1] if ref and m.width > 0 else getattr(m, "font_size", None)
    if not size:
        return None
    units = TEX_GLYPH_UNITS_PER_POINT if isinstance(m, SingleStringMathTex) else GLYPH_UNITS_PER_POINT
    return round(float(size) * units * config.pixel_height / config.frame_height, 2)
