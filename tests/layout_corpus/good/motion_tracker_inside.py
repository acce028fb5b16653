"""A value label riding a tracker along a number line with a smooth easing; it stays inside."""

from manim import UP, Create, DecimalNumber, Dot, NumberLine, Scene, ValueTracker, Write


class MotionTrackerInside(Scene):
    def construct(self):
        line = NumberLine(x_range=[0, 10, 1], length=11)
        x = ValueTracker(1)
        dot = Dot(line.n2p(1))
        dot.add_updater(lambda d: d.move_to(line.n2p(x.get_value())))
        value = DecimalNumber(1, num_decimal_places=1, font_size=36)
        value.add_updater(lambda v: v.set_value(x.get_value()).next_to(dot, UP))
        self.play(Create(line), Create(dot), Write(value))
        self.play(x.animate.set_value(9), run_time=2)
        self.play(x.animate.set_value(3), run_time=1)
        self.wait()
