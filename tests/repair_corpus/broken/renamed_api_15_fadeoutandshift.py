"""
category: renamed_api
pattern: FadeOutAndShift(mob, direction) was folded into FadeOut(mob, shift=direction) and removed
source: https://github.com/ManimCommunity/manim/issues/1426
error: NameError: name 'FadeOutAndShift' is not defined
line: 16
expect_static: true
"""
from manim import *


class Leave(Scene):
    def construct(self):
        circle = Circle()
        self.add(circle)
        self.play(FadeOutAndShift(circle, DOWN), run_time=0.5)
