"""
category: index_error
pattern: indexing a part past the number of strings given to MathTex
source: https://docs.manim.community/en/stable/reference/manim.mobject.text.tex_mobject.MathTex.html
error: IndexError: range object index out of range
line: 15
expect_static: false
"""
from manim import *


class Parts(Scene):
    def construct(self):
        equation = MathTex("E", "=", "mc^2")
        equation[3].set_color(BLUE)
        self.play(Write(equation), run_time=0.5)
