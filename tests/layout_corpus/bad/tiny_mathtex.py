"""A formula at font size 12.

expect: text_too_small line 13
"""

from manim import DOWN, FadeIn, MathTex, Scene, Text, Write


class TinyMathTex(Scene):
    def construct(self):
        head = Text("Euler", font_size=48)
        self.play(Write(head))
        eq = MathTex(r"e^{i\pi} + 1 = 0", font_size=12).next_to(head, DOWN)  # planted: text_too_small
        self.play(FadeIn(eq))
        self.wait()
