"""A filled card that is too small for the text on it.

expect: overlap_text_shape line 13
"""

from manim import DARK_BLUE, FadeIn, RoundedRectangle, Scene, Text


class TextSticksOutOfCard(Scene):
    def construct(self):
        card = RoundedRectangle(width=2.2, height=1.0, corner_radius=0.2, fill_color=DARK_BLUE,
                                fill_opacity=1, stroke_width=0)
        words = Text("a much longer caption", font_size=36)  # planted: overlap_text_shape
        self.play(FadeIn(card))
        self.play(FadeIn(words))
        self.wait()
