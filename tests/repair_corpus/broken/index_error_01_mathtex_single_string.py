"""
category: index_error
pattern: a MathTex built from one string has one submobject; [2] assumes it was split into parts
source: https://github.com/ManimCommunity/manim/issues/2125
error: IndexError: range object index out of range
line: 15
expect_static: false
"""
from manim import *


class CircleEquation(Scene):
    def construct(self):
        formula = MathTex("x^2 + y^2 = r^2")
        formula[2].set_color(YELLOW)
        self.play(Write(formula), run_time=0.5)
