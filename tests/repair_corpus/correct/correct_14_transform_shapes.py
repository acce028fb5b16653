"""
category: correct
pattern: ReplacementTransform between shapes and FadeOut with shift
source: https://docs.manim.community/en/stable/reference/manim.animation.transform.ReplacementTransform.html
"""
from manim import *


class Morph(Scene):
    def construct(self):
        square = Square(color=BLUE, fill_opacity=0.5)
        circle = Circle(color=RED, fill_opacity=0.5)
        star = Star(color=YELLOW, fill_opacity=0.5)
        self.play(DrawBorderThenFill(square), run_time=0.5)
        self.play(ReplacementTransform(square, circle), run_time=0.5)
        self.play(ReplacementTransform(circle, star), run_time=0.5)
        self.play(FadeOut(star, shift=UP), run_time=0.4)
