"""A derivation of ten equations stacked down the whole frame, one every half second.

expect: text_wall line 24
"""

from manim import DOWN, MathTex, Scene, VGroup, Write

STEPS = [
    r"(x+1)^2 - 4 = 0",
    r"x^2 + 2x + 1 - 4 = 0",
    r"x^2 + 2x - 3 = 0",
    r"x^2 + 3x - x - 3 = 0",
    r"x(x + 3) - (x + 3) = 0",
    r"(x - 1)(x + 3) = 0",
    r"x - 1 = 0 \quad \text{or} \quad x + 3 = 0",
    r"x = 1 \quad \text{or} \quad x = -3",
    r"\text{check: } (1+1)^2 - 4 = 0",
    r"\text{check: } (-3+1)^2 - 4 = 0",
]


class DensityDerivation(Scene):
    def construct(self):
        eqs = VGroup(*[MathTex(s, font_size=34) for s in STEPS])  # planted: text_wall
        eqs.arrange(DOWN, buff=0.18).move_to([0, 0, 0])
        for eq in eqs:
            self.play(Write(eq), run_time=0.5)
        self.wait(2)
