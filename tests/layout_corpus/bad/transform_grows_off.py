"""An equation transformed into a much longer one that no longer fits.

expect: out_of_frame line 13
"""

from manim import MathTex, Scene, TransformMatchingTex, Write


class TransformGrowsOff(Scene):
    def construct(self):
        eq = MathTex("a", "=", "b", font_size=60)
        self.play(Write(eq))
        longer = MathTex("a", "=", "b", "+", "c + d + e + f + g + h + i + j + k + l + m + n + p", font_size=60)  # planted: out_of_frame
        self.play(TransformMatchingTex(eq, longer))
        self.wait()
