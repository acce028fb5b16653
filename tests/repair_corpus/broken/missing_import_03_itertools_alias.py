"""
category: missing_import
pattern: old manimlib.imports did `import itertools as it`; manim community does not export it
source: https://github.com/3b1b/manim/blob/024dfda78dce622cb04b00b1686fe257b5603b97/manimlib/imports.py
error: NameError: name 'it' is not defined
line: 14
expect_static: true
"""
from manim import *


class Grid(Scene):
    def construct(self):
        dots = VGroup(*[Dot([x, y, 0]) for x, y in it.product(range(-2, 3), range(-1, 2))])
        self.play(FadeIn(dots), run_time=0.5)
        self.wait(0.2)
