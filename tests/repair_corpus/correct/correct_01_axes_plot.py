"""
category: correct
pattern: Axes with a plotted function, axis labels and a graph label
source: https://docs.manim.community/en/stable/reference/manim.mobject.graphing.coordinate_systems.Axes.html
"""
from manim import *


class ParabolaPlot(Scene):
    def construct(self):
        axes = Axes(x_range=[-3, 3, 1], y_range=[0, 9, 3], x_length=6, y_length=4, tips=False)
        labels = axes.get_axis_labels(x_label="x", y_label="y")
        graph = axes.plot(lambda x: x**2, color=YELLOW)
        graph_label = axes.get_graph_label(graph, label="x^2", x_val=2)
        self.play(Create(axes), Write(labels), run_time=0.6)
        self.play(Create(graph), run_time=0.6)
        self.play(FadeIn(graph_label), run_time=0.4)
        self.wait(0.2)
