"""
category: correct
pattern: VGroup laid out with arrange_in_grid, revealed with LaggedStart
source: https://docs.manim.community/en/stable/reference/manim.mobject.mobject.Mobject.html#manim.mobject.mobject.Mobject.arrange_in_grid
"""
from manim import *


class ShapeGrid(Scene):
    def construct(self):
        shapes = VGroup(
            Circle(color=RED), Square(color=GREEN), Triangle(color=BLUE),
            Circle(color=YELLOW), Square(color=PINK), Triangle(color=TEAL),
        ).scale(0.5)
        shapes.arrange_in_grid(rows=2, cols=3, buff=0.6)
        self.play(LaggedStart(*[Create(s) for s in shapes], lag_ratio=0.2), run_time=0.8)
        self.play(shapes.animate.scale(0.7).to_edge(UP), run_time=0.5)
        self.play(FadeOut(shapes, shift=DOWN), run_time=0.4)
