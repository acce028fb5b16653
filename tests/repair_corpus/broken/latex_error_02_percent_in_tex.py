"""
category: latex_error
pattern: an unescaped % in Tex starts a LaTeX comment and swallows the rest of the markup
source: https://github.com/ManimCommunity/manim/issues/852
error: ValueError: Your installation does not support converting .dvi files to SVG.
line: 14
expect_static: false
"""
from manim import *


class Percent(Scene):
    def construct(self):
        text = Tex("50% of the area")
        self.play(Write(text), run_time=0.5)
