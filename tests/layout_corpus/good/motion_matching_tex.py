"""An equation rearranged with TransformMatchingTex: its own pieces cross each other on the way."""

from manim import DOWN, MathTex, Scene, Text, TransformMatchingTex, Write


class MotionMatchingTex(Scene):
    def construct(self):
        eq = MathTex("a", "+", "b", "=", "c", font_size=64)
        note = Text("swap sides", font_size=28).shift(DOWN * 1.5)
        self.play(Write(eq), Write(note))
        self.play(TransformMatchingTex(eq, MathTex("c", "=", "b", "+", "a", font_size=64)), run_time=1.5)
        self.wait()
