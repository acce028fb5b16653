"""
category: bad_colour
pattern: a hex colour string without the leading # ("FF5733") is not parsed as hex
source: https://docs.manim.community/en/stable/reference/manim.utils.color.core.ManimColor.html
error: ValueError: Color FF5733 not found
line: 14
expect_static: false
"""
from manim import *


class Coral(Scene):
    def construct(self):
        square = Square(color="FF5733", fill_opacity=0.7)
        self.play(FadeIn(square), run_time=0.5)
