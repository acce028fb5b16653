"""A label moved from left to right along a half-circle arc: the arc's top leaves the frame.

expect: motion_out_of_frame line 13
"""

from manim import LEFT, PI, RIGHT, UP, Scene, Text, Write


class MotionArcOutTop(Scene):
    def construct(self):
        tag = Text("x", font_size=48).move_to(LEFT * 5 + UP * 1.5)
        self.play(Write(tag))
        self.play(tag.animate(path_arc=-PI).move_to(RIGHT * 5 + UP * 1.5), run_time=2)  # planted: motion_out_of_frame
        self.wait()
