"""
category: correct
pattern: ValueTracker driving always_redraw and a DecimalNumber updater
source: https://docs.manim.community/en/stable/reference/manim.mobject.value_tracker.ValueTracker.html
"""
from manim import *


class TangentSweep(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 4, 1], y_range=[0, 16, 4], x_length=6, y_length=4)
        graph = axes.plot(lambda x: x**2, color=BLUE)
        t = ValueTracker(1)
        dot = always_redraw(lambda: Dot(axes.i2gp(t.get_value(), graph), color=YELLOW))
        value = DecimalNumber(1, num_decimal_places=2).to_corner(UR)
        value.add_updater(lambda m: m.set_value(t.get_value()))
        self.add(axes, graph, dot, value)
        self.play(t.animate.set_value(3.5), run_time=1)
        self.wait(0.2)
