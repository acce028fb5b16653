"""
category: missing_import
pattern: old manimlib.imports re-exported random; `from manim import *` does not, so import random is needed
source: https://github.com/3b1b/manim/blob/024dfda78dce622cb04b00b1686fe257b5603b97/manimlib/imports.py
error: NameError: name 'random' is not defined
line: 14
expect_static: true
"""
from manim import *


class Scatter(Scene):
    def construct(self):
        dots = VGroup(*[Dot([random.uniform(-4, 4), random.uniform(-2, 2), 0]) for _ in range(20)])
        self.play(FadeIn(dots), run_time=0.5)
        self.wait(0.2)
