"""Captions that each replace the last after half a second: too fast to read.

expect: reading_too_fast line 19
"""

from manim import FadeIn, FadeOut, Scene, Text

CAPTIONS = [
    "Energy can be neither created nor destroyed",
    "It only changes from one form into another",
    "Kinetic energy turns into potential energy",
    "and friction turns some of it into heat",
]


class DensityFastCaptions(Scene):
    def construct(self):
        for caption in CAPTIONS:
            t = Text(caption, font_size=30)  # planted: reading_too_fast
            self.play(FadeIn(t), run_time=0.3)
            self.wait(0.5)
            self.play(FadeOut(t), run_time=0.3)
