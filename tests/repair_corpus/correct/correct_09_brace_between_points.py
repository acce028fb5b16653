"""
category: correct
pattern: BraceBetweenPoints and BraceLabel on a right triangle
source: https://docs.manim.community/en/stable/reference/manim.mobject.svg.brace.BraceBetweenPoints.html
"""
from manim import *


class Legs(Scene):
    def construct(self):
        a, b, c = LEFT * 2 + DOWN, RIGHT * 2 + DOWN, LEFT * 2 + UP
        triangle = Polygon(a, b, c, color=WHITE)
        base = BraceBetweenPoints(a, b, DOWN)
        base_label = base.get_tex("4")
        side = BraceLabel(Line(a, c), "2", brace_direction=LEFT)
        self.play(Create(triangle), run_time=0.5)
        self.play(GrowFromCenter(base), Write(base_label), run_time=0.5)
        self.play(FadeIn(side), run_time=0.4)
