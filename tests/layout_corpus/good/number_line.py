"""A number line with numbers and a marked point."""

from manim import RED, UP, Create, Dot, FadeIn, MathTex, NumberLine, Scene


class NumberLineScene(Scene):
    def construct(self):
        line = NumberLine(x_range=[-5, 5, 1], length=10, include_numbers=True, font_size=28)
        p = Dot(line.n2p(2), color=RED)
        tag = MathTex("p", font_size=40).next_to(p, UP)
        self.play(Create(line))
        self.play(FadeIn(p), FadeIn(tag))
        self.play(p.animate.move_to(line.n2p(-1)), tag.animate.next_to(line.n2p(-1), UP, buff=0.35))
        self.wait()
