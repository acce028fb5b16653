"""
category: wrong_kwarg
pattern: Circle(color_fill=...) does not exist; VMobject takes fill_color and fill_opacity
source: https://docs.manim.community/en/stable/reference/manim.mobject.types.vectorized_mobject.VMobject.html
error: TypeError: Mobject.__init__() got an unexpected keyword argument 'color_fill'
line: 14
expect_static: true
"""
from manim import *


class FilledCircle(Scene):
    def construct(self):
        disk = Circle(radius=1, color_fill=BLUE, fill_opacity=0.6)
        self.play(DrawBorderThenFill(disk), run_time=0.5)
        self.wait(0.2)
