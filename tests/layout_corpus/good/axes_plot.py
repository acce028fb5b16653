"""Axes with numbers, a curve and its label beside the curve's end."""

from manim import BLUE, UP, Axes, Create, FadeIn, MathTex, Scene


class AxesPlot(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 4, 1], y_range=[0, 16, 4], x_length=7, y_length=5,
                    axis_config={"include_numbers": True, "font_size": 28})
        curve = axes.plot(lambda x: x ** 2, x_range=[0, 3.8], color=BLUE)
        label = MathTex("y = x^2", font_size=40).next_to(curve.get_end(), UP, buff=0.3)
        labels = axes.get_axis_labels(x_label="x", y_label="y")
        self.play(Create(axes), FadeIn(labels))
        self.play(Create(curve))
        self.play(FadeIn(label))
        self.wait()
