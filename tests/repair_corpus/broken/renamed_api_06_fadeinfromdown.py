"""
category: renamed_api
pattern: FadeInFromDown was deprecated for FadeIn(mob, shift=UP) and removed
source: https://github.com/ManimCommunity/manim/pull/827
error: NameError: name 'FadeInFromDown' is not defined
line: 15
expect_static: true
"""
from manim import *


class RiseIn(Scene):
    def construct(self):
        square = Square(color=GREEN)
        self.play(FadeInFromDown(square), run_time=0.5)
        self.wait(0.2)
