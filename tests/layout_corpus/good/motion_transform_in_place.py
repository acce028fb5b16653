"""One equation becomes the next in the same place, above a caption it never touches; a copy of a
term flies from the equation to a box below (TransformFromCopy leaves from its source)."""

from manim import (
    DOWN,
    UP,
    MathTex,
    ReplacementTransform,
    Scene,
    Square,
    Text,
    TransformFromCopy,
    Write,
)


class MotionTransformInPlace(Scene):
    def construct(self):
        eq = MathTex(r"(a+b)^2", font_size=56).shift(UP * 2)
        caption = Text("expand the square", font_size=28).shift(UP * 0.6)
        self.play(Write(eq), Write(caption))
        eq2 = MathTex(r"a^2 + 2ab + b^2", font_size=56).shift(UP * 2)
        self.play(ReplacementTransform(eq, eq2))
        box = Square(1.6).shift(DOWN * 2)
        self.play(Write(box))
        self.play(TransformFromCopy(eq2[0][3:6], MathTex("2ab", font_size=48).move_to(box)))
        self.wait()
