"""
category: renamed_api
pattern: TexText is the manimgl (3b1b) name; manim community calls it Tex
source: https://github.com/3b1b/manim/blob/master/manimlib/mobject/svg/tex_mobject.py
error: NameError: name 'TexText' is not defined
line: 14
expect_static: true
"""
from manim import *


class Definition(Scene):
    def construct(self):
        text = TexText("A prime has exactly two divisors")
        self.play(Write(text), run_time=0.5)
        self.wait(0.2)
