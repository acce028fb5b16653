"""
category: renamed_api
pattern: ShowCreation was renamed Create in manim community (deprecated, then removed)
source: https://github.com/ManimCommunity/manim/pull/1124
error: NameError: name 'ShowCreation' is not defined
line: 15
expect_static: true
"""
from manim import *


class DrawCircle(Scene):
    def construct(self):
        circle = Circle(radius=1.5, color=BLUE)
        self.play(ShowCreation(circle), run_time=0.5)
        self.wait(0.2)
