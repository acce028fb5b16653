"""
category: correct
pattern: Vectors on a NumberPlane and their sum
source: https://docs.manim.community/en/stable/reference/manim.mobject.geometry.line.Vector.html
"""
from manim import *


class VectorSum(Scene):
    def construct(self):
        plane = NumberPlane(x_range=[-4, 4, 1], y_range=[-3, 3, 1], x_length=8, y_length=6)
        u = Vector([2, 1], color=YELLOW)
        v = Vector([1, 2], color=GREEN).shift(plane.c2p(2, 1))
        s = Arrow(plane.c2p(0, 0), plane.c2p(3, 3), buff=0, color=RED)
        self.play(Create(plane), run_time=0.6)
        self.play(GrowArrow(u), GrowArrow(v), run_time=0.5)
        self.play(GrowArrow(s), run_time=0.5)
