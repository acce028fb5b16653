"""
category: correct
pattern: Riemann rectangles and the area under a curve
source: https://docs.manim.community/en/stable/reference/manim.mobject.graphing.coordinate_systems.CoordinateSystem.html#manim.mobject.graphing.coordinate_systems.CoordinateSystem.get_riemann_rectangles
"""
from manim import *


class AreaUnder(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 3, 1], y_range=[0, 9, 3], x_length=6, y_length=4)
        graph = axes.plot(lambda x: x**2, x_range=[0, 3], color=BLUE)
        rects = axes.get_riemann_rectangles(graph, x_range=[0, 2], dx=0.25, fill_opacity=0.6)
        area = axes.get_area(graph, x_range=[0, 2], color=GREEN, opacity=0.5)
        self.play(Create(axes), Create(graph), run_time=0.6)
        self.play(Create(rects), run_time=0.6)
        self.play(ReplacementTransform(rects, area), run_time=0.6)
