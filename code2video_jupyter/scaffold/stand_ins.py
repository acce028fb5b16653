"""Stand-ins for the picture and SVG files a scene names but nobody gave it ("logo.png",
"images/figure.jpg"): a grey card of the same role, with the file's name on it, so the rest of
the scene runs and the video shows where the file goes. The repair puts them in only as a
lossy last resort, reported as such; the file itself, put beside the scene, replaces them."""

from __future__ import annotations

from pathlib import PurePosixPath

import numpy as np
from manim import GREY_B, DashedVMobject, Rectangle, Text, VGroup
from PIL import Image, ImageDraw, ImageFont

# 4:3, as most pictures are; at manim's default resolution about 2.7 units tall
_PIXELS = (480, 360)


def missing_image(name: str) -> np.ndarray:
    """An RGBA picture for ``ImageMobject``: grey, framed, the file's name in the middle."""
    width, height = _PIXELS
    card = Image.new("RGBA", (width, height), (70, 70, 70, 255))
    draw = ImageDraw.Draw(card)
    draw.rectangle((6, 6, width - 7, height - 7), outline=(190, 190, 190, 255), width=4)
    label = PurePosixPath(name).name or name
    size = 40
    font = ImageFont.load_default(size=size)  # Pillow's own FreeType font: no font file needed
    while draw.textlength(label, font=font) > width - 40 and size > 12:
        size -= 4
        font = ImageFont.load_default(size=size)
    draw.text((width / 2, height / 2), label, font=font, anchor="mm", fill=(235, 235, 235, 255))
    return np.asarray(card)


class MissingSVG(VGroup):
    """In place of ``SVGMobject(file_name, ...)``: a dashed square with the file's name, two
    units tall as an SVGMobject is, taking its size and style arguments (the others, which
    are about reading the file, have nothing to act on)."""

    def __init__(self, file_name: str = "", height: float | None = 2, width: float | None = None,
                 color=None, fill_color=None, fill_opacity: float | None = None, stroke_color=None,
                 stroke_width: float | None = None, stroke_opacity: float | None = None, **_reading) -> None:
        frame = DashedVMobject(Rectangle(width=2, height=2, color=GREY_B), num_dashes=24)
        label = Text(PurePosixPath(file_name).name or "missing file", font_size=20, color=GREY_B)
        label.scale_to_fit_width(min(label.width, 1.8))
        super().__init__(frame, label)
        if width is not None:
            self.scale_to_fit_width(width)
        elif height is not None:
            self.scale_to_fit_height(height)
        if color is not None:
            self.set_color(color)
        if fill_color is not None or fill_opacity is not None:
            self.set_fill(fill_color, opacity=fill_opacity)
        if stroke_color is not None or stroke_width is not None or stroke_opacity is not None:
            self.set_stroke(stroke_color, width=stroke_width, opacity=stroke_opacity)
