"""A point's label placed far away from it.

expect: label_far line 12
"""

from manim import LEFT, UP, Dot, FadeIn, Scene, Text


class LabelFar(Scene):
    def construct(self):
        p = Dot(LEFT * 2)
        name = Text("P", font_size=36).next_to(p, UP, buff=2.5)  # planted: label_far
        self.play(FadeIn(p), FadeIn(name))
        self.wait()
