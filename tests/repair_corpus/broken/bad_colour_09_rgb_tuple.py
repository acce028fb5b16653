"""
category: bad_colour
pattern: a bare RGB triple as color= is read as a list of three colours, not one (wrap it: rgb_to_color / ManimColor)
source: https://docs.manim.community/en/stable/reference/manim.utils.color.core.ManimColor.html
error: TypeError: ManimColor only accepts int, str, list[int, int, int], list[int, int, int, int], list[float, float, float], list[float, float, float, float], not <class 'float'>
line: 14
expect_static: false
"""
from manim import *


class RgbTuple(Scene):
    def construct(self):
        square = Square(color=(1.0, 0.5, 0.0))
        self.play(Create(square), run_time=0.5)
