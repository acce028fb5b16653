"""
category: wrong_kwarg
pattern: Axes(x_min=, x_max=) was replaced by x_range=[min, max, step] and then removed
source: https://github.com/ManimCommunity/manim/pull/1161
error: TypeError: Mobject.__init__() got an unexpected keyword argument 'x_min'
line: 14
expect_static: true
"""
from manim import *


class OldAxes(Scene):
    def construct(self):
        axes = Axes(x_min=-2, x_max=2, y_min=0, y_max=4)
        self.play(Create(axes), run_time=0.5)
        self.wait(0.2)
