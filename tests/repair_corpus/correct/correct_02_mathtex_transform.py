"""
category: correct
pattern: MathTex parts transformed with TransformMatchingTex
source: https://docs.manim.community/en/stable/reference/manim.animation.transform_matching_parts.TransformMatchingTex.html
"""
from manim import *


class SolveForX(Scene):
    def construct(self):
        eq1 = MathTex("2", "x", "+", "3", "=", "7")
        eq2 = MathTex("2", "x", "=", "7", "-", "3")
        eq3 = MathTex("x", "=", "2")
        self.play(Write(eq1), run_time=0.5)
        self.play(TransformMatchingTex(eq1, eq2), run_time=0.6)
        self.play(TransformMatchingTex(eq2, eq3), run_time=0.6)
        self.play(Circumscribe(eq3), run_time=0.5)
