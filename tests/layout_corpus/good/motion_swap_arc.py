"""Two labelled boxes exchanged with Swap (a 90-degree path arc): they pass beside each other."""

from manim import BLUE, GREEN, LEFT, RIGHT, Scene, Square, Swap, Text, VGroup, Write


class MotionSwapArc(Scene):
    def construct(self):
        a = VGroup(Square(1.2, color=BLUE), Text("a", font_size=40)).move_to(LEFT * 2)
        b = VGroup(Square(1.2, color=GREEN), Text("b", font_size=40)).move_to(RIGHT * 2)
        self.play(Write(a), Write(b))
        self.play(Swap(a, b), run_time=1.5)
        self.wait()
