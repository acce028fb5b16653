"""
category: latex_error
pattern: \frac given one argument instead of two
source: https://github.com/ManimCommunity/manim/issues/2426
error: ValueError: latex error converting to dvi.
line: 14
expect_static: false
"""
from manim import *


class Half(Scene):
    def construct(self):
        formula = MathTex(r"y = \frac{1}")
        self.play(Write(formula), run_time=0.5)
