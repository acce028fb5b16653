"""
category: correct
pattern: Tex with escaped percent, ampersand and underscore and inline math, next to a MathTex
source: https://github.com/ManimCommunity/manim/issues/852
"""
from manim import *


class Escaped(Scene):
    def construct(self):
        line1 = Tex(r"50\% of the area \& the rest")
        line2 = Tex(r"angle $\alpha$ in text, learning\_rate $=0.1$")
        formula = MathTex(r"\frac{a}{b} = 2", font_size=56)
        group = VGroup(line1, line2, formula).arrange(DOWN, buff=0.4)
        self.play(Write(group), run_time=1)
        self.play(formula.animate.set_color(YELLOW), run_time=0.4)
