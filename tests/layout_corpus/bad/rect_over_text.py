"""An opaque rectangle drawn over the text it should sit behind.

expect: overlap_text_shape line 13
"""

from manim import BLUE_E, FadeIn, Rectangle, Scene, Text, Write


class RectOverText(Scene):
    def construct(self):
        word = Text("Hidden message", font_size=44)
        self.play(Write(word))
        card = Rectangle(width=3, height=1.2, fill_color=BLUE_E, fill_opacity=1)  # planted: overlap_text_shape
        self.play(FadeIn(card))
        self.wait()
