"""A label kept next to a moving square by an updater."""

from manim import DOWN, LEFT, RIGHT, FadeIn, Scene, Square, Text


class UpdaterLabelFollows(Scene):
    def construct(self):
        sq = Square(side_length=1.5).shift(LEFT * 4)
        label = Text("box", font_size=32)
        label.add_updater(lambda m: m.next_to(sq, DOWN))
        self.play(FadeIn(sq), FadeIn(label))
        self.play(sq.animate.shift(RIGHT * 7))
        self.wait()
