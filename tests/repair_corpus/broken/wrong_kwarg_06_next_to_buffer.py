"""
category: wrong_kwarg
pattern: Mobject.next_to(buffer=...) does not exist; the keyword is buff
source: https://docs.manim.community/en/stable/reference/manim.mobject.mobject.Mobject.html#manim.mobject.mobject.Mobject.next_to
error: TypeError: Mobject.next_to() got an unexpected keyword argument 'buffer'
line: 16
expect_static: true
"""
from manim import *


class Caption(Scene):
    def construct(self):
        square = Square()
        label = Text("square", font_size=32)
        label.next_to(square, DOWN, buffer=0.3)
        self.play(Create(square), Write(label), run_time=0.5)
