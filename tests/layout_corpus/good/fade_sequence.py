"""Texts that replace each other in the same place."""

from manim import FadeIn, FadeOut, ReplacementTransform, Scene, Text


class FadeSequence(Scene):
    def construct(self):
        old = Text("first", font_size=48)
        self.play(FadeIn(old))
        for word in ("second", "third"):
            new = Text(word, font_size=48)
            self.play(FadeOut(old), FadeIn(new))
            old = new
        last = Text("fourth", font_size=48)
        self.play(ReplacementTransform(old, last))
        self.wait()
