"""
category: renamed_api
pattern: FadeInFrom(mob, direction) was folded into FadeIn(mob, shift=direction) and removed
source: https://github.com/ManimCommunity/manim/pull/1454
error: NameError: name 'FadeInFrom' is not defined
line: 15
expect_static: true
"""
from manim import *


class SlideIn(Scene):
    def construct(self):
        label = Text("Step 1")
        self.play(FadeInFrom(label, LEFT), run_time=0.5)
        self.wait(0.2)
