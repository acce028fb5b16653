"""
category: wrong_method
pattern: Text.get_part_by_text is manimgl; in manim community colour parts with t2c or index the Text
source: https://docs.manim.community/en/stable/reference/manim.mobject.text.text_mobject.Text.html
error: TypeError: Mobject.__getattr__.<locals>.getter() takes 1 positional argument but 2 were given
line: 15
expect_static: true
"""
from manim import *


class ColourWord(Scene):
    def construct(self):
        sentence = Text("Energy is conserved")
        sentence.get_part_by_text("Energy").set_color(YELLOW)
        self.play(Write(sentence), run_time=0.5)
