"""
category: index_error
pattern: Text has no submobjects for spaces, so indices counted on the string run past the end
source: https://github.com/ManimCommunity/manim/issues/4864
error: IndexError: range object index out of range
line: 15
expect_static: false
"""
from manim import *


class LastLetter(Scene):
    def construct(self):
        sentence = Text("Hello World")
        sentence[10].set_color(RED)
        self.play(Write(sentence), run_time=0.5)
