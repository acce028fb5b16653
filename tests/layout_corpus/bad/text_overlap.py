"""Two captions placed on the same spot.

expect: overlap_text_text line 12
"""

from manim import DOWN, RIGHT, FadeIn, Scene, Text, Write


class TextOverlap(Scene):
    def construct(self):
        first = Text("Kinetic energy", font_size=40)
        second = Text("Potential energy", font_size=40).shift(RIGHT * 0.6 + DOWN * 0.15)  # planted: overlap_text_text
        self.play(Write(first))
        self.play(FadeIn(second))
        self.wait()
