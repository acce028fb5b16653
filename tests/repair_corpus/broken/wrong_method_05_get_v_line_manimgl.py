"""
category: wrong_method
pattern: get_v_line is manimgl's CoordinateSystem method; manim community has get_vertical_line
source: https://docs.manim.community/en/stable/reference/manim.mobject.graphing.coordinate_systems.CoordinateSystem.html#manim.mobject.graphing.coordinate_systems.CoordinateSystem.get_vertical_line
error: TypeError: Mobject.__getattr__.<locals>.getter() takes 1 positional argument but 2 were given
line: 15
expect_static: true
"""
from manim import *


class DropLine(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 4, 1], y_range=[0, 4, 1], x_length=5, y_length=3)
        line = axes.get_v_line(axes.c2p(2, 3))
        self.play(Create(axes), Create(line), run_time=0.5)
