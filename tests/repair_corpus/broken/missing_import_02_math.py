"""
category: missing_import
pattern: old manimlib.imports re-exported math; `from manim import *` does not, so import math is needed
source: https://github.com/3b1b/manim/blob/024dfda78dce622cb04b00b1686fe257b5603b97/manimlib/imports.py
error: NameError: name 'math' is not defined
line: 15
expect_static: true
"""
from manim import *


class Diagonal(Scene):
    def construct(self):
        square = Square(side_length=2)
        label = Text(f"d = {math.sqrt(2) * 2:.2f}", font_size=32).next_to(square, DOWN)
        self.play(Create(square), Write(label), run_time=0.5)
