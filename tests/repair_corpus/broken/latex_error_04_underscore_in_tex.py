"""
category: latex_error
pattern: an unescaped _ in Tex text mode (Missing $ inserted)
source: https://docs.manim.community/en/stable/reference/manim.mobject.text.tex_mobject.Tex.html
error: ValueError: latex error converting to dvi.
line: 14
expect_static: false
"""
from manim import *


class Variable(Scene):
    def construct(self):
        text = Tex("learning_rate = 0.1")
        self.play(Write(text), run_time=0.5)
