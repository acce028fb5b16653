"""
category: renamed_api
pattern: ShowCreationThenFadeOut was deprecated (use Create then FadeOut, or ShowPassingFlash) and removed
source: https://github.com/ManimCommunity/manim/pull/2457
error: NameError: name 'ShowCreationThenFadeOut' is not defined
line: 17
expect_static: true
"""
from manim import *


class Highlight(Scene):
    def construct(self):
        word = Text("key idea")
        box = SurroundingRectangle(word, color=YELLOW)
        self.add(word)
        self.play(ShowCreationThenFadeOut(box), run_time=0.5)
