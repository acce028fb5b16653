"""Braces with labels: Brace.get_text and a BraceLabel."""

from manim import DOWN, UP, Brace, BraceLabel, Create, FadeIn, Line, Scene


class BraceLabels(Scene):
    def construct(self):
        seg = Line([-3, 0, 0], [2, 0, 0])
        below = Brace(seg, DOWN)
        text = below.get_text("base")
        above = BraceLabel(seg, "b", brace_direction=UP)
        self.play(Create(seg))
        self.play(FadeIn(below), FadeIn(text))
        self.play(FadeIn(above))
        self.wait()
