"""
category: index_error
pattern: Table.get_cell with a (row, column) past the table (positions are 1-based and include labels only if given)
source: https://docs.manim.community/en/stable/reference/manim.mobject.table.Table.html#manim.mobject.table.Table.get_cell
error: IndexError: range object index out of range
line: 15
expect_static: false
"""
from manim import *


class Lookup(Scene):
    def construct(self):
        table = Table([["1", "2"], ["3", "4"]])
        highlight = SurroundingRectangle(table.get_cell((3, 1)), color=YELLOW)
        self.play(Create(table), Create(highlight), run_time=0.5)
