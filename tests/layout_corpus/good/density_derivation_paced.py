"""A four-step derivation with room between the steps and time to read each one."""

from manim import DOWN, MathTex, Scene, VGroup, Write

STEPS = [r"a^2 + b^2 = c^2", r"b^2 = c^2 - a^2", r"b = \sqrt{c^2 - a^2}", r"b = \sqrt{25 - 9} = 4"]


class DensityDerivationPaced(Scene):
    def construct(self):
        eqs = VGroup(*[MathTex(s, font_size=48) for s in STEPS]).arrange(DOWN, buff=0.6)
        for eq in eqs:
            self.play(Write(eq))
            self.wait(2.5)
        self.wait(2)
