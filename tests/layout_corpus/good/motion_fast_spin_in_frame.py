"""Fast animations that stay inside the frame: a square spun twice in 0.4 s about its centre, a
dot rushed across along a path, a short vector turned about its tail near the middle."""

from manim import (
    LEFT,
    PI,
    RIGHT,
    TAU,
    UP,
    Arc,
    Arrow,
    Create,
    Dot,
    MoveAlongPath,
    Rotate,
    Scene,
    Square,
)


class MotionFastSpinInFrame(Scene):
    def construct(self):
        sq = Square(1.5).shift(LEFT * 4)
        dot = Dot(LEFT * 2 + UP * 2)
        vec = Arrow(RIGHT * 2, RIGHT * 4.5, buff=0)
        self.play(Create(sq), Create(dot), Create(vec))
        self.play(Rotate(sq, angle=2 * TAU), run_time=0.4)
        path = Arc(radius=2, start_angle=PI, angle=-PI).shift(UP * 1.0)
        self.play(MoveAlongPath(dot, path), run_time=0.3)
        self.play(Rotate(vec, angle=TAU, about_point=RIGHT * 2), run_time=0.5)
        self.wait()
