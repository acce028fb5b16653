"""An equation placed so low that its bottom is clipped.

expect: out_of_frame line 11
"""

from manim import DOWN, MathTex, Scene, Write


class ClippedBottom(Scene):
    def construct(self):
        eq = MathTex(r"\int_0^1 x^2 \, dx = \frac{1}{3}", font_size=60).shift(DOWN * 3.7)  # planted: out_of_frame
        self.play(Write(eq))
        self.wait()
