"""Two labelled boxes swapped along straight paths: halfway they sit on top of each other.

expect: motion_overlap line 18
"""

from manim import BLUE, GREEN, LEFT, RIGHT, Scene, Square, Text, VGroup, Write


class MotionSwapBoxes(Scene):
    def construct(self):
        a = VGroup(Square(1.4, color=BLUE), Text("a", font_size=40))
        b = VGroup(Square(1.4, color=GREEN), Text("b", font_size=40))
        a.move_to(LEFT * 2.5)
        b.move_to(RIGHT * 2.5)
        self.play(Write(a), Write(b))
        self.wait(0.5)
        left, right = a.get_center(), b.get_center()
        self.play(a.animate.move_to(right),  # planted: motion_overlap
                  b.animate.move_to(left))
        self.wait()
