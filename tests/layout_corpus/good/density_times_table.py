"""A 7 x 7 multiplication table: many numbers, but a grid a viewer looks things up in."""

from manim import Create, MathTable, Scene


class DensityTimesTable(Scene):
    def construct(self):
        rows = [[str(r * c) for c in range(1, 8)] for r in range(1, 8)]
        t = MathTable(rows, row_labels=None, include_outer_lines=True, h_buff=0.7, v_buff=0.45)
        t.scale_to_fit_height(7.0)
        self.play(Create(t), run_time=2)
        self.wait(6)
