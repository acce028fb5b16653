"""
category: wrong_method
pattern: Brace has get_text / get_tex (or use BraceLabel), not get_label
source: https://docs.manim.community/en/stable/reference/manim.mobject.svg.brace.Brace.html
error: TypeError: Mobject.__getattr__.<locals>.getter() takes 1 positional argument but 2 were given
line: 16
expect_static: true
"""
from manim import *


class BraceWidth(Scene):
    def construct(self):
        line = Line(LEFT * 2, RIGHT * 2)
        brace = Brace(line, DOWN)
        label = brace.get_label("4 cm")
        self.play(Create(line), GrowFromCenter(brace), Write(label), run_time=0.5)
