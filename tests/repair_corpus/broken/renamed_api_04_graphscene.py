"""
category: renamed_api
pattern: GraphScene (with CONFIG and setup_axes) was deprecated for Axes and removed in v0.10
source: https://github.com/ManimCommunity/manim/pull/1860
error: NameError: name 'GraphScene' is not defined
line: 12
expect_static: true
"""
from manim import *


class SquarePlot(GraphScene):
    CONFIG = {"x_min": 0, "x_max": 3, "y_min": 0, "y_max": 9}

    def construct(self):
        self.setup_axes(animate=False)
        graph = self.get_graph(lambda x: x**2, color=YELLOW)
        self.play(Create(graph), run_time=0.5)
