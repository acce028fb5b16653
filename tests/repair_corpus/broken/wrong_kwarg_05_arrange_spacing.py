"""
category: wrong_kwarg
pattern: VGroup.arrange(spacing=...) does not exist; the gap keyword is buff
source: https://docs.manim.community/en/stable/reference/manim.mobject.mobject.Mobject.html#manim.mobject.mobject.Mobject.arrange
error: TypeError: Mobject.next_to() got an unexpected keyword argument 'spacing'
line: 15
expect_static: true
"""
from manim import *


class Row(Scene):
    def construct(self):
        shapes = VGroup(Circle(), Square(), Triangle())
        shapes.arrange(RIGHT, spacing=0.5)
        self.play(Create(shapes), run_time=0.5)
