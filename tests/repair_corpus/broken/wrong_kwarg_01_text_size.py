"""
category: wrong_kwarg
pattern: Text(size=...) was deprecated and removed; the keyword is font_size
source: https://github.com/ManimCommunity/manim/pull/2245
error: TypeError: Mobject.__init__() got an unexpected keyword argument 'size'
line: 14
expect_static: true
"""
from manim import *


class Heading(Scene):
    def construct(self):
        title = Text("Limits", size=48)
        self.play(Write(title), run_time=0.5)
        self.wait(0.2)
