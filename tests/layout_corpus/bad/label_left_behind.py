"""The square moves; its label stays where it was.

expect: label_far line 12
"""

from manim import DOWN, LEFT, RIGHT, FadeIn, Scene, Square, Text


class LabelLeftBehind(Scene):
    def construct(self):
        sq = Square(side_length=1.5).shift(LEFT * 4)
        label = Text("box", font_size=32).next_to(sq, DOWN)  # planted: label_far
        self.play(FadeIn(sq), FadeIn(label))
        self.play(sq.animate.shift(RIGHT * 6))
        self.wait()
