"""
category: bad_colour
pattern: DARK_GREEN is not a manim colour constant (GREEN_E is; DARK_BLUE and DARK_BROWN exist)
source: https://docs.manim.community/en/stable/reference/manim.utils.color.manim_colors.html
error: NameError: name 'DARK_GREEN' is not defined
line: 14
expect_static: true
"""
from manim import *


class Leaf(Scene):
    def construct(self):
        square = Square(color=DARK_GREEN)
        self.play(Create(square), run_time=0.5)
