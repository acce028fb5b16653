"""
category: bad_colour
pattern: CYAN is not a manim colour constant (PURE_CYAN and TEAL are)
source: https://docs.manim.community/en/stable/reference/manim.utils.color.manim_colors.html
error: NameError: name 'CYAN' is not defined
line: 14
expect_static: true
"""
from manim import *


class Water(Scene):
    def construct(self):
        wave = FunctionGraph(lambda x: 0.5 * np.sin(2 * x), color=CYAN)
        self.play(Create(wave), run_time=0.5)
