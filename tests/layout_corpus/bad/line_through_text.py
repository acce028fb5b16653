"""A line drawn straight through a word.

expect: overlap_text_shape line 13
"""

from manim import LEFT, RIGHT, Create, Line, Scene, Text, Write


class LineThroughText(Scene):
    def construct(self):
        word = Text("equilibrium", font_size=44)
        self.play(Write(word))
        rule = Line(LEFT * 4, RIGHT * 4)  # planted: overlap_text_shape
        self.play(Create(rule))
        self.wait()
