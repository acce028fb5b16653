"""
category: mixed_group
pattern: a ValueTracker (a plain Mobject) grouped with VMobjects in a VGroup
source: https://docs.manim.community/en/stable/reference/manim.mobject.value_tracker.ValueTracker.html
error: TypeError: Only values of type VMobject can be added as submobjects of VGroup, but the value ValueTracker (at index 0 of parameter 1) is of type ValueTracker.
line: 16
expect_static: false
"""
from manim import *


class Counter(Scene):
    def construct(self):
        tracker = ValueTracker(0)
        number = DecimalNumber(0)
        widget = VGroup(number, tracker)
        self.play(FadeIn(widget), run_time=0.5)
