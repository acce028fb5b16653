"""A circle on the left becomes a square on the right; on the way it passes over the caption
that sits between them.

expect: motion_overlap line 16
"""

from manim import BLUE, LEFT, RIGHT, Circle, Create, Scene, Square, Text, Transform, Write


class MotionTransformOverCaption(Scene):
    def construct(self):
        circle = Circle(1.0, color=BLUE).move_to(LEFT * 4)
        square = Square(2.0, color=BLUE).move_to(RIGHT * 4)
        caption = Text("area stays the same", font_size=30)
        self.play(Create(circle), Write(caption))
        self.play(Transform(circle, square), run_time=2)  # planted: motion_overlap
        self.wait()
