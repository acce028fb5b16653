"""
category: index_error
pattern: get_part_by_tex returns None unless the tex is exactly one part (separate string or substrings_to_isolate)
source: https://docs.manim.community/en/stable/reference/manim.mobject.text.tex_mobject.MathTex.html#manim.mobject.text.tex_mobject.MathTex.get_part_by_tex
error: AttributeError: 'NoneType' object has no attribute 'set_color'
line: 15
expect_static: false
"""
from manim import *


class Hypotenuse(Scene):
    def construct(self):
        formula = MathTex("a^2 + b^2 = c^2")
        formula.get_part_by_tex("c").set_color(YELLOW)
        self.play(Write(formula), run_time=0.5)
