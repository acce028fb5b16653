"""
category: wrong_method
pattern: ValueTracker exposes get_value()/set_value(), not a .value attribute
source: https://docs.manim.community/en/stable/reference/manim.mobject.value_tracker.ValueTracker.html
error: AttributeError: ValueTracker object has no attribute 'value'
line: 15
expect_static: true
"""
from manim import *


class Tracker(Scene):
    def construct(self):
        tracker = ValueTracker(2)
        number = DecimalNumber(tracker.value)
        self.play(FadeIn(number), run_time=0.5)
