"""A long vector turned half a circle about its tail: pointing up, it leaves the frame.

expect: motion_out_of_frame line 14
"""

from manim import LEFT, PI, RIGHT, Arrow, Create, Dot, Rotate, Scene


class MotionVectorSweepsOut(Scene):
    def construct(self):
        tail = LEFT * 0.5
        vec = Arrow(tail, tail + RIGHT * 5.5, buff=0)
        self.play(Create(vec), Create(Dot(tail)))
        self.play(Rotate(vec, angle=PI, about_point=tail), run_time=2)  # planted: motion_out_of_frame
        self.wait()
