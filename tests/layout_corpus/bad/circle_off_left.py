"""A circle half outside the left edge.

expect: out_of_frame line 13
"""

from manim import BLUE, LEFT, Circle, Create, Scene, Text, Write


class CircleOffLeft(Scene):
    def construct(self):
        label = Text("A circle", font_size=36)
        self.play(Write(label))
        c = Circle(radius=1.2, color=BLUE).move_to(LEFT * 6.8)  # planted: out_of_frame
        self.play(Create(c))
        self.wait()
