"""
category: bad_colour
pattern: colour.Color was replaced by ManimColor in v0.18; Color is no longer exported
source: https://github.com/ManimCommunity/manim/pull/3020
error: NameError: name 'Color' is not defined
line: 14
expect_static: true
"""
from manim import *


class OldColour(Scene):
    def construct(self):
        circle = Circle(color=Color("orange"))
        self.play(Create(circle), run_time=0.5)
