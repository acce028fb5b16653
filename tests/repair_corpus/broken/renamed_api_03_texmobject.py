"""
category: renamed_api
pattern: TexMobject (3b1b manim, early community releases) was replaced by MathTex
source: https://github.com/ManimCommunity/manim/pull/391
error: NameError: name 'TexMobject' is not defined
line: 14
expect_static: true
"""
from manim import *


class Pythagoras(Scene):
    def construct(self):
        formula = TexMobject(r"a^2 + b^2 = c^2")
        self.play(Write(formula), run_time=0.5)
        self.wait(0.2)
