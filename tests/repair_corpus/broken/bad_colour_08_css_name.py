"""
category: bad_colour
pattern: CSS/X11 colour names ("skyblue") are not in manim's default names (X11.SKYBLUE or a hex code works)
source: https://docs.manim.community/en/stable/reference/manim.utils.color.X11.html
error: ValueError: Color skyblue not found
line: 14
expect_static: false
"""
from manim import *


class CssName(Scene):
    def construct(self):
        circle = Circle(color="skyblue")
        self.play(Create(circle), run_time=0.5)
