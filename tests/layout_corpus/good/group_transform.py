"""Groups that move and scale as a whole, then fade out and are replaced."""

from manim import DOWN, LEFT, RIGHT, UP, Circle, FadeIn, FadeOut, Scene, Square, Text, VGroup


class GroupTransform(Scene):
    def construct(self):
        a = VGroup(Circle(radius=0.8), Text("A", font_size=36)).shift(LEFT * 3)
        b = VGroup(Square(side_length=1.6), Text("B", font_size=36)).shift(RIGHT * 3)
        self.play(FadeIn(a), FadeIn(b))
        self.play(a.animate.shift(UP).scale(0.8), b.animate.shift(DOWN).scale(1.2))
        self.play(FadeOut(a))
        c = Text("only B is left", font_size=36).to_edge(UP)
        self.play(FadeIn(c))
        self.wait()
