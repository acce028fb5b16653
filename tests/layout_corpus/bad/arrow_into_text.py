"""An arrow that ends in the middle of its target text instead of at its edge.

expect: overlap_text_shape line 13
"""

from manim import LEFT, Arrow, GrowArrow, Scene, Text, Write


class ArrowIntoText(Scene):
    def construct(self):
        target = Text("output", font_size=44)
        self.play(Write(target))
        arrow = Arrow(LEFT * 4, target.get_center(), buff=0)  # planted: overlap_text_shape
        self.play(GrowArrow(arrow))
        self.wait()
