"""
category: wrong_method
pattern: Mobjects have get_center (and get_x/get_y), not get_position
source: https://docs.manim.community/en/stable/reference/manim.mobject.mobject.Mobject.html#manim.mobject.mobject.Mobject.get_center
error: AttributeError: Dot object has no attribute 'position'
line: 15
expect_static: true
"""
from manim import *


class Follow(Scene):
    def construct(self):
        dot = Dot().shift(UP)
        ring = Circle(radius=0.4).move_to(dot.get_position())
        self.play(Create(ring), run_time=0.5)
