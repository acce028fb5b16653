"""
category: wrong_kwarg
pattern: VMobject.set_fill(alpha=...) does not exist; the keyword is opacity
source: https://docs.manim.community/en/stable/reference/manim.mobject.types.vectorized_mobject.VMobject.html#manim.mobject.types.vectorized_mobject.VMobject.set_fill
error: TypeError: VMobject.set_fill() got an unexpected keyword argument 'alpha'
line: 15
expect_static: true
"""
from manim import *


class Shade(Scene):
    def construct(self):
        square = Square()
        square.set_fill(BLUE, alpha=0.5)
        self.play(FadeIn(square), run_time=0.5)
