"""Five lines of a proof squeezed together with almost no space between them.

expect: lines_cramped line 19
"""

from manim import DOWN, LEFT, Scene, Text, VGroup, Write

LINES = [
    "Assume the square root of 2 is rational",
    "Then it is p over q in lowest terms",
    "So p squared equals twice q squared",
    "Hence p is even, and so is q",
    "A contradiction: it is irrational",
]


class DensityCramped(Scene):
    def construct(self):
        proof = VGroup(*[Text(s, font_size=28) for s in LINES])  # planted: lines_cramped
        proof.arrange(DOWN, buff=0.03, aligned_edge=LEFT)
        self.play(Write(proof), run_time=2)
        self.wait(8)
