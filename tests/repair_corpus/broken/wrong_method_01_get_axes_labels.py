"""
category: wrong_method
pattern: Axes has get_axis_labels (and get_x_axis_label / get_y_axis_label), not get_axes_labels
source: https://docs.manim.community/en/stable/reference/manim.mobject.graphing.coordinate_systems.Axes.html#manim.mobject.graphing.coordinate_systems.Axes.get_axis_labels
error: TypeError: Mobject.__getattr__.<locals>.getter() got an unexpected keyword argument 'x_label'
line: 15
expect_static: true
"""
from manim import *


class LabeledAxes(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 4, 1], y_range=[0, 4, 1], x_length=5, y_length=3)
        labels = axes.get_axes_labels(x_label="t", y_label="v")
        self.play(Create(axes), Write(labels), run_time=0.5)
