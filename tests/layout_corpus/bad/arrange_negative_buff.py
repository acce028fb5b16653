"""A list arranged with a negative buffer: its lines overlap.

expect: overlap_text_text line 11
"""

from manim import DOWN, LEFT, FadeIn, Scene, Text, VGroup


class ArrangeNegativeBuff(Scene):
    def construct(self):
        items = VGroup(*[Text(f"{n} step", font_size=36) for n in ("first", "second", "third")])  # planted: overlap_text_text
        items.arrange(DOWN, aligned_edge=LEFT, buff=-0.25)
        self.play(FadeIn(items))
        self.wait()
