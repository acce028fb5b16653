"""
category: bad_colour
pattern: LIGHT_BLUE is not a manim colour constant (BLUE_A/BLUE_B are; LIGHT_GREY and LIGHT_PINK exist)
source: https://docs.manim.community/en/stable/reference/manim.utils.color.manim_colors.html
error: NameError: name 'LIGHT_BLUE' is not defined
line: 14
expect_static: true
"""
from manim import *


class Sky(Scene):
    def construct(self):
        circle = Circle(color=LIGHT_BLUE, fill_opacity=0.5)
        self.play(Create(circle), run_time=0.5)
