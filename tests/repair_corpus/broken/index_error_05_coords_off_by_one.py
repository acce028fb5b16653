"""
category: index_error
pattern: consecutive-point loop over data for axes.coords_to_point runs one index past the end
source: https://docs.manim.community/en/stable/reference/manim.mobject.graphing.coordinate_systems.CoordinateSystem.html#manim.mobject.graphing.coordinate_systems.CoordinateSystem.coords_to_point
error: IndexError: list index out of range
line: 18
expect_static: false
"""
from manim import *


class Polyline(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 4, 1], y_range=[0, 16, 4], x_length=5, y_length=3)
        xs, ys = [0, 1, 2, 3, 4], [0, 1, 4, 9, 16]
        segments = VGroup()
        for i in range(len(xs)):
            segments.add(Line(axes.coords_to_point(xs[i], ys[i]), axes.coords_to_point(xs[i + 1], ys[i + 1])))
        self.play(Create(axes), Create(segments), run_time=0.5)
