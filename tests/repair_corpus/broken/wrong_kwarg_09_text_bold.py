"""
category: wrong_kwarg
pattern: Text(bold=True) does not exist; Text takes weight=BOLD (and slant=ITALIC)
source: https://docs.manim.community/en/stable/reference/manim.mobject.text.text_mobject.Text.html
error: TypeError: Mobject.__init__() got an unexpected keyword argument 'bold'
line: 14
expect_static: true
"""
from manim import *


class BoldTitle(Scene):
    def construct(self):
        title = Text("Theorem", bold=True)
        self.play(Write(title), run_time=0.5)
        self.wait(0.2)
