"""
category: correct
pattern: MathTable with a highlighted cell (1-based positions)
source: https://docs.manim.community/en/stable/reference/manim.mobject.table.MathTable.html
"""
from manim import *


class Squares(Scene):
    def construct(self):
        table = MathTable([["1", "1"], ["2", "4"], ["3", "9"]], col_labels=[MathTex("n"), MathTex("n^2")])
        table.scale(0.7)
        box = SurroundingRectangle(table.get_cell((3, 2)), color=YELLOW)
        self.play(Create(table), run_time=0.8)
        self.play(Create(box), run_time=0.4)
        self.play(table.animate.shift(LEFT), box.animate.shift(LEFT), run_time=0.4)
