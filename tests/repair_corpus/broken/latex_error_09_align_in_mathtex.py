"""
category: latex_error
pattern: an align environment inside MathTex, which already wraps its content in align*
source: https://docs.manim.community/en/stable/reference/manim.mobject.text.tex_mobject.MathTex.html
error: ValueError: latex error converting to dvi.
line: 14
expect_static: false
"""
from manim import *


class Steps(Scene):
    def construct(self):
        steps = MathTex(r"\begin{align} x &= 2 \\ y &= 3 \end{align}")
        self.play(Write(steps), run_time=0.5)
