"""
category: mixed_group
pattern: a bare string instead of a Text mobject inside a VGroup
source: https://docs.manim.community/en/stable/reference/manim.mobject.types.vectorized_mobject.VGroup.html
error: TypeError: Only values of type VMobject can be added as submobjects of VGroup, but the value 'a' (at index 0 of parameter 1) is of type str.
line: 15
expect_static: false
"""
from manim import *


class Label(Scene):
    def construct(self):
        box = Square()
        tagged = VGroup(box, "area = 4")
        self.play(Create(tagged), run_time=0.5)
