"""
category: latex_error
pattern: Chinese text in Tex without a CJK template (use Text, or TexTemplateLibrary.ctex)
source: https://github.com/ManimCommunity/manim/issues/4052
error: ValueError: latex error converting to dvi.
line: 14
expect_static: false
"""
from manim import *


class Chinese(Scene):
    def construct(self):
        title = Tex("勾股定理")
        self.play(Write(title), run_time=0.5)
