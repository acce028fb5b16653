"""A caption scaled down to a fifth after creation.

expect: text_too_small line 12
"""

from manim import DOWN, FadeIn, Scene, Square, Text


class TinyScaled(Scene):
    def construct(self):
        sq = Square(side_length=3)
        caption = Text("a square of side 3", font_size=36)  # planted: text_too_small
        caption.scale(0.2).next_to(sq, DOWN)
        self.play(FadeIn(sq), FadeIn(caption))
        self.wait()
