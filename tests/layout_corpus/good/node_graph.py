"""Three nodes (circles with names inside) joined by edges that stop at the circles."""

from manim import LEFT, RIGHT, UP, Circle, Create, FadeIn, Line, Scene, Text, VGroup


class NodeGraph(Scene):
    def construct(self):
        spots = [LEFT * 3, RIGHT * 3, UP * 2]
        nodes = VGroup(*[VGroup(Circle(radius=0.6), Text(n, font_size=32)).move_to(p)
                         for n, p in zip("ABC", spots, strict=True)])
        edges = VGroup(*[Line(nodes[i][0].get_center(), nodes[j][0].get_center(), buff=0.6)
                         for i, j in ((0, 1), (1, 2), (2, 0))])
        self.play(FadeIn(nodes))
        self.play(Create(edges))
        self.wait()
