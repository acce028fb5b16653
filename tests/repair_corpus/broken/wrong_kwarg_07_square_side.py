"""
category: wrong_kwarg
pattern: Square(side=...) does not exist; the keyword is side_length
source: https://docs.manim.community/en/stable/reference/manim.mobject.geometry.polygram.Square.html
error: TypeError: Mobject.__init__() got an unexpected keyword argument 'side'
line: 14
expect_static: true
"""
from manim import *


class BigSquare(Scene):
    def construct(self):
        square = Square(side=3, color=ORANGE)
        self.play(Create(square), run_time=0.5)
        self.wait(0.2)
