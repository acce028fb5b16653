"""
category: index_error
pattern: Matrix.get_entries() of a 2x2 matrix has 4 entries; index 4 is out of range
source: https://docs.manim.community/en/stable/reference/manim.mobject.matrix.Matrix.html#manim.mobject.matrix.Matrix.get_entries
error: IndexError: range object index out of range
line: 15
expect_static: false
"""
from manim import *


class Entries(Scene):
    def construct(self):
        matrix = Matrix([[1, 2], [3, 4]])
        matrix.get_entries()[4].set_color(RED)
        self.play(Write(matrix), run_time=0.5)
