"""A dot runs along a parabola on axes; its label and a tangent line follow it (updaters): the label
crosses grid lines and the curve on its way, as labels riding a point do."""

from manim import UR, Axes, Create, Dot, Line, MathTex, Scene, ValueTracker, Write, always_redraw


class MotionDotOnGraph(Scene):
    def construct(self):
        axes = Axes(x_range=[-3, 3, 1], y_range=[0, 9, 3], x_length=8, y_length=5.5)
        graph = axes.plot(lambda x: x * x, x_range=[-2.9, 2.9])
        t = ValueTracker(-2.5)
        dot = always_redraw(lambda: Dot(axes.c2p(t.get_value(), t.get_value() ** 2)))
        label = always_redraw(lambda: MathTex("P", font_size=36).next_to(dot, UR, buff=0.1))

        def tangent():
            x = t.get_value()
            p = axes.c2p(x - 0.6, x * x - 1.2 * x)
            q = axes.c2p(x + 0.6, x * x + 1.2 * x)
            return Line(p, q, color="#FFFF00")

        tan = always_redraw(tangent)
        self.play(Create(axes), Create(graph))
        self.play(Create(dot), Write(label), Create(tan))
        self.play(t.animate.set_value(2.5), run_time=3)
        self.wait()
