"""
category: correct
pattern: NumberLine with numbers and a dot moved with number_to_point
source: https://docs.manim.community/en/stable/reference/manim.mobject.graphing.number_line.NumberLine.html
"""
from manim import *


class Walk(Scene):
    def construct(self):
        line = NumberLine(x_range=[-4, 4, 1], length=8, include_numbers=True)
        dot = Dot(line.n2p(-3), color=YELLOW)
        self.play(Create(line), FadeIn(dot), run_time=0.6)
        self.play(dot.animate.move_to(line.n2p(2)), run_time=0.6)
        self.play(Flash(dot), run_time=0.4)
