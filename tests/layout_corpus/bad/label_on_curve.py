"""A curve's label placed on the curve itself.

expect: overlap_text_shape line 13
"""

from manim import BLUE, Axes, Create, FadeIn, MathTex, Scene


class LabelOnCurve(Scene):
    def construct(self):
        axes = Axes(x_range=[-3, 3, 1], y_range=[-1, 9, 2], x_length=7, y_length=5)
        curve = axes.plot(lambda x: x ** 2, color=BLUE)
        label = MathTex("y = x^2", font_size=40).move_to(axes.c2p(2, 4))  # planted: overlap_text_shape
        self.play(Create(axes), Create(curve))
        self.play(FadeIn(label))
        self.wait()
