"""A value label riding a tracker on a number line; the easing overshoots the end, and the label
goes past the right edge before it settles.

expect: motion_out_of_frame line 29
"""

from manim import (
    UP,
    Create,
    DecimalNumber,
    Dot,
    NumberLine,
    Scene,
    ValueTracker,
    Write,
    rate_functions,
)


class MotionTrackerOvershoot(Scene):
    def construct(self):
        line = NumberLine(x_range=[0, 10, 1], length=13)
        x = ValueTracker(0)
        dot = Dot(line.n2p(0))
        dot.add_updater(lambda d: d.move_to(line.n2p(x.get_value())))
        value = DecimalNumber(0, num_decimal_places=1, font_size=40)
        value.add_updater(lambda v: v.set_value(x.get_value()).next_to(dot, UP))
        self.play(Create(line), Create(dot), Write(value))
        self.play(  # planted: motion_out_of_frame
            x.animate.set_value(9.5),
            rate_func=rate_functions.ease_out_back,
            run_time=2,
        )
        self.wait()
