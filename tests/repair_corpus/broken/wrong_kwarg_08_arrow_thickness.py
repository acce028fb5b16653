"""
category: wrong_kwarg
pattern: Arrow(thickness=...) is manimgl's keyword; manim community uses stroke_width (and tip_length)
source: https://docs.manim.community/en/stable/reference/manim.mobject.geometry.line.Arrow.html
error: TypeError: Mobject.__init__() got an unexpected keyword argument 'thickness'
line: 14
expect_static: true
"""
from manim import *


class Pointer(Scene):
    def construct(self):
        arrow = Arrow(LEFT * 2, RIGHT * 2, thickness=5, color=YELLOW)
        self.play(GrowArrow(arrow), run_time=0.5)
        self.wait(0.2)
