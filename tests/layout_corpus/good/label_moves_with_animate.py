"""A label re-attached to a new target with .animate.next_to after its first target leaves."""

from manim import DOWN, LEFT, RIGHT, UP, Circle, FadeIn, FadeOut, Scene, Square, Text


class LabelMovesWithAnimate(Scene):
    def construct(self):
        sq = Square(side_length=1.4).shift(LEFT * 4)
        ci = Circle(radius=0.7).shift(RIGHT * 4)
        tag = Text("this one", font_size=30).next_to(sq, DOWN)
        self.play(FadeIn(sq), FadeIn(ci), FadeIn(tag))
        self.play(tag.animate.next_to(ci, UP))
        self.play(FadeOut(sq), ci.animate.shift(LEFT * 2), tag.animate.shift(LEFT * 2))
        self.wait()
