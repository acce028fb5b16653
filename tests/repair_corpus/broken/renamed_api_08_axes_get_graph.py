"""
category: renamed_api
pattern: Axes.get_graph was renamed Axes.plot; the old name was removed in v0.14
source: https://github.com/ManimCommunity/manim/pull/2390
error: TypeError: Mobject.__getattr__.<locals>.getter() got an unexpected keyword argument 'color'
line: 15
expect_static: true
"""
from manim import *


class Parabola(Scene):
    def construct(self):
        axes = Axes(x_range=[-3, 3, 1], y_range=[0, 9, 3], x_length=6, y_length=4)
        graph = axes.get_graph(lambda x: x**2, color=YELLOW)
        self.play(Create(axes), Create(graph), run_time=0.5)
