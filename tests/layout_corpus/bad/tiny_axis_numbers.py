"""Axis numbers at font size 18: LaTeX digits that small are about 10 px high at 480p.

expect: text_too_small line 11
"""

from manim import Axes, Create, Scene


class TinyAxisNumbers(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 10, 1], y_range=[0, 5, 1], x_length=9, y_length=5,  # planted: text_too_small
                    axis_config={"include_numbers": True, "font_size": 18})
        self.play(Create(axes))
        self.wait()
