"""A caption replaced in place by a cross-fade, and a word that fades in sliding up to its place."""

from manim import DOWN, UP, FadeIn, FadeOut, Scene, Text, Write


class MotionCrossfade(Scene):
    def construct(self):
        old = Text("first idea", font_size=40)
        self.play(Write(old))
        new = Text("second idea", font_size=40)
        self.play(FadeOut(old), FadeIn(new))
        note = Text("(a refinement)", font_size=28).next_to(new, DOWN)
        self.play(FadeIn(note, shift=UP * 0.5))
        self.play(FadeOut(new, shift=UP), FadeOut(note, shift=DOWN))
        self.wait()
