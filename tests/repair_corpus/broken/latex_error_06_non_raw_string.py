"""
category: latex_error
pattern: LaTeX in a non-raw Python string: \f becomes a form feed, so \frac reaches LaTeX as <FF>rac
source: https://github.com/3b1b/manim/issues/1232
error: ValueError: latex error converting to dvi.
line: 14
expect_static: false
"""
from manim import *


class Ratio(Scene):
    def construct(self):
        formula = MathTex("\frac{a}{b} = 2")
        self.play(Write(formula), run_time=0.5)
