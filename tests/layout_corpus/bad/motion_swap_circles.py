"""Two filled discs exchange places through each other (no labels: shape against shape).

expect: motion_overlap line 15
"""

from manim import BLUE, DOWN, LEFT, RED, RIGHT, UP, Circle, FadeIn, Scene


class MotionSwapCircles(Scene):
    def construct(self):
        red = Circle(0.7, color=RED, fill_opacity=1).move_to(LEFT * 3 + UP)
        blue = Circle(0.7, color=BLUE, fill_opacity=1).move_to(RIGHT * 3 + DOWN)
        self.play(FadeIn(red, blue))
        p, q = red.get_center(), blue.get_center()
        self.play(red.animate.move_to(q), blue.animate.move_to(p), run_time=2)  # planted: motion_overlap
        self.wait()
