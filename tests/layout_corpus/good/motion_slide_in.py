"""A title that slides in from beyond the left edge (an entrance: it starts outside on purpose)
and a card that moves down together with its label."""

from manim import DOWN, LEFT, UP, RoundedRectangle, Scene, Text, VGroup, Write


class MotionSlideIn(Scene):
    def construct(self):
        title = Text("Momentum", font_size=48).move_to(LEFT * 10 + UP * 3)
        self.add(title)
        self.play(title.animate.move_to(UP * 3))
        card = VGroup(RoundedRectangle(width=4, height=1.4), Text("p = m v", font_size=36)).shift(UP)
        self.play(Write(card))
        self.play(card.animate.shift(DOWN * 2.5))
        self.wait()
