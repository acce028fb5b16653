"""A brace label pushed far from its brace.

expect: label_far line 13
"""

from manim import DOWN, RIGHT, Brace, Create, FadeIn, Line, Scene


class BraceLabelFar(Scene):
    def construct(self):
        seg = Line([-3, 0, 0], [1, 0, 0])
        brace = Brace(seg, DOWN)
        width = brace.get_text("width")  # planted: label_far
        width.shift(RIGHT * 4 + DOWN * 1.5)
        self.play(Create(seg), FadeIn(brace), FadeIn(width))
        self.wait()
