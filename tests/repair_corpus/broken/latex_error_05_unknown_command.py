"""
category: latex_error
pattern: an undefined control sequence (\R is not defined; \mathbb{R} is)
source: https://github.com/TIGER-AI-Lab/TheoremExplainAgent/issues/9
error: ValueError: latex error converting to dvi.
line: 14
expect_static: false
"""
from manim import *


class RealLine(Scene):
    def construct(self):
        formula = MathTex(r"x \in \R")
        self.play(Write(formula), run_time=0.5)
