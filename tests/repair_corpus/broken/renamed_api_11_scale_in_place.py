"""
category: renamed_api
pattern: Mobject.scale_in_place / rotate_in_place were deprecated and then removed; use scale / rotate
source: https://github.com/ManimCommunity/manim/pull/2331
error: AttributeError: Square object has no attribute 'scale_in_place'
line: 16
expect_static: true
"""
from manim import *


class Grow(Scene):
    def construct(self):
        square = Square()
        self.add(square)
        square.scale_in_place(1.5)
        self.wait(0.2)
