"""A title and a short list of points."""

from manim import DOWN, LEFT, UP, FadeIn, Scene, Text, VGroup, Write


class TitleAndBullets(Scene):
    def construct(self):
        title = Text("Three laws of motion", font_size=44).to_edge(UP)
        points = VGroup(*[Text(s, font_size=30) for s in (
            "1. A body keeps its state of motion",
            "2. Force equals mass times acceleration",
            "3. Every action has an equal reaction")])
        points.arrange(DOWN, aligned_edge=LEFT, buff=0.4).next_to(title, DOWN, buff=0.8)
        self.play(Write(title))
        for p in points:
            self.play(FadeIn(p, shift=UP * 0.2))
        self.wait()
