"""
category: bad_colour
pattern: a misspelt colour string ("bluee") is rejected by ManimColor
source: https://docs.manim.community/en/stable/reference/manim.utils.color.core.ManimColor.html
error: ValueError: Color bluee not found
line: 14
expect_static: false
"""
from manim import *


class Typo(Scene):
    def construct(self):
        circle = Circle(color="bluee")
        self.play(Create(circle), run_time=0.5)
