"""A diagram with eight short labels around it (a compass rose)."""

from manim import DOWN, LEFT, RIGHT, UP, Circle, Create, FadeIn, Scene, Text, VGroup

DIRS = [("N", UP), ("S", DOWN), ("E", RIGHT), ("W", LEFT), ("NE", UP + RIGHT), ("NW", UP + LEFT),
        ("SE", DOWN + RIGHT), ("SW", DOWN + LEFT)]


class DensityLabelledDiagram(Scene):
    def construct(self):
        rose = Circle(2.2)
        labels = VGroup(*[Text(n, font_size=30).move_to(d * 2.9 / max(abs(d[0]) + abs(d[1]), 1) ** 0.5)
                          for n, d in DIRS])
        self.play(Create(rose))
        self.play(FadeIn(labels))
        self.wait(4)
