"""
category: renamed_api
pattern: Mobject.get_center_point was deprecated and then removed; use get_center
source: https://github.com/ManimCommunity/manim/pull/2245
error: AttributeError: Square object has no attribute 'center_point'
line: 15
expect_static: true
"""
from manim import *


class Center(Scene):
    def construct(self):
        square = Square().shift(LEFT)
        dot = Dot(square.get_center_point(), color=YELLOW)
        self.add(square, dot)
        self.wait(0.2)
