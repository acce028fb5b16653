"""A full-screen NumberPlane with two labelled vectors."""

from manim import (
    GREEN,
    RED,
    RIGHT,
    UP,
    Arrow,
    Create,
    FadeIn,
    GrowArrow,
    MathTex,
    NumberPlane,
    Scene,
)


class PlaneVectors(Scene):
    def construct(self):
        plane = NumberPlane()
        u = Arrow(plane.c2p(0, 0), plane.c2p(3, 1), buff=0, color=RED)
        v = Arrow(plane.c2p(0, 0), plane.c2p(-1, 2), buff=0, color=GREEN)
        lu = MathTex(r"\vec u", color=RED).next_to(u.get_end(), RIGHT)
        lv = MathTex(r"\vec v", color=GREEN).next_to(v.get_end(), UP)
        self.play(Create(plane))
        self.play(GrowArrow(u), GrowArrow(v))
        self.play(FadeIn(lu), FadeIn(lv))
        self.wait()
