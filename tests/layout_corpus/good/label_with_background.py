"""A label sitting on a line, made readable by its own background rectangle."""

from manim import LEFT, RIGHT, Create, FadeIn, Line, Scene, Text


class LabelWithBackground(Scene):
    def construct(self):
        road = Line(LEFT * 5, RIGHT * 5, stroke_width=6)
        sign = Text("5 km", font_size=36)
        sign.add_background_rectangle(opacity=1, buff=0.15)
        self.play(Create(road))
        self.play(FadeIn(sign))
        self.wait()
