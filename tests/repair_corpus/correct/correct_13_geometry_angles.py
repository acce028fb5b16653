"""
category: correct
pattern: Polygon with RightAngle and Angle markers
source: https://docs.manim.community/en/stable/reference/manim.mobject.geometry.line.Angle.html
"""
from manim import *


class RightTriangle(Scene):
    def construct(self):
        a, b, c = ORIGIN + LEFT * 2 + DOWN, RIGHT * 2 + DOWN, LEFT * 2 + UP * 1.5
        triangle = Polygon(a, b, c, color=WHITE)
        right = RightAngle(Line(a, b), Line(a, c), length=0.3, quadrant=(1, 1))
        theta = Angle(Line(b, c), Line(b, a), radius=0.6)
        theta_label = MathTex(r"\theta", font_size=36).next_to(theta, LEFT, buff=0.15)
        self.play(Create(triangle), run_time=0.6)
        self.play(Create(right), Create(theta), Write(theta_label), run_time=0.6)
