"""
category: correct
pattern: Matrix with a brace and a label under its columns
source: https://docs.manim.community/en/stable/reference/manim.mobject.matrix.Matrix.html
"""
from manim import *


class MatrixBrace(Scene):
    def construct(self):
        matrix = Matrix([[1, 2, 3], [4, 5, 6]])
        brace = Brace(matrix, DOWN)
        label = brace.get_text("3 columns")
        self.play(Write(matrix), run_time=0.6)
        self.play(GrowFromCenter(brace), FadeIn(label), run_time=0.5)
        self.play(matrix.get_columns()[1].animate.set_color(YELLOW), run_time=0.4)
