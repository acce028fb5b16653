"""
category: latex_error
pattern: math commands in Tex (text mode) without $...$ (Missing $ inserted); MathTex was meant
source: https://docs.manim.community/en/stable/reference/manim.mobject.text.tex_mobject.MathTex.html
error: ValueError: latex error converting to dvi.
line: 14
expect_static: false
"""
from manim import *


class Angles(Scene):
    def construct(self):
        formula = Tex(r"\alpha + \beta = 90^\circ")
        self.play(Write(formula), run_time=0.5)
