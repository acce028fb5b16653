"""
category: bad_colour
pattern: BROWN is not a manim colour constant (LIGHT_BROWN, DARK_BROWN and GRAY_BROWN are)
source: https://docs.manim.community/en/stable/reference/manim.utils.color.manim_colors.html
error: NameError: name 'BROWN' is not defined
line: 14
expect_static: true
"""
from manim import *


class Trunk(Scene):
    def construct(self):
        trunk = Rectangle(width=0.6, height=2, color=BROWN, fill_opacity=1)
        self.play(FadeIn(trunk), run_time=0.5)
