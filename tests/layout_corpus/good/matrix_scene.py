"""A matrix with its name to the left."""

from manim import LEFT, FadeIn, MathTex, Matrix, Scene, VGroup, Write


class MatrixScene(Scene):
    def construct(self):
        m = Matrix([[1, 2], [3, 4]])
        name = MathTex("A =", font_size=48).next_to(m, LEFT)
        self.play(Write(m))
        self.play(FadeIn(name))
        self.play(VGroup(name, m).animate.scale(1.2))
        self.wait()
