"""
category: mixed_group
pattern: a Group nested inside a VGroup (a Group is not a VMobject even when it holds only VMobjects)
source: https://docs.manim.community/en/stable/reference/manim.mobject.mobject.Group.html
error: TypeError: Only values of type VMobject can be added as submobjects of VGroup, but the value Group (at index 0 of parameter 0) is of type Group.
line: 15
expect_static: false
"""
from manim import *


class Nested(Scene):
    def construct(self):
        pair = Group(Circle(), Square()).arrange(RIGHT)
        row = VGroup(pair, Triangle())
        self.play(Create(row), run_time=0.5)
