"""A label framed by a SurroundingRectangle, and one in a filled card drawn behind it."""

from manim import (
    BLUE_E,
    DOWN,
    LEFT,
    RIGHT,
    YELLOW,
    Create,
    FadeIn,
    RoundedRectangle,
    Scene,
    SurroundingRectangle,
    Text,
    VGroup,
    Write,
)


class LabelInBox(Scene):
    def construct(self):
        key = Text("key idea", font_size=40).shift(LEFT * 3)
        frame = SurroundingRectangle(key, color=YELLOW, buff=0.2)
        self.play(Write(key), Create(frame))
        card = RoundedRectangle(width=4, height=1.4, corner_radius=0.2, fill_color=BLUE_E,
                                fill_opacity=1).shift(RIGHT * 3)
        text = Text("on a card", font_size=36).move_to(card)
        self.play(FadeIn(VGroup(card, text)))
        self.play(VGroup(key, frame).animate.shift(DOWN))
        self.wait()
