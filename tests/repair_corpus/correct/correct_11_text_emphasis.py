"""
category: correct
pattern: Text with t2c colouring, Indicate and Circumscribe
source: https://docs.manim.community/en/stable/reference/manim.mobject.text.text_mobject.Text.html
"""
from manim import *


class KeyTerm(Scene):
    def construct(self):
        sentence = Text("Energy is conserved", t2c={"Energy": YELLOW}, font_size=44)
        note = Text("in a closed system", font_size=30).next_to(sentence, DOWN)
        self.play(Write(sentence), run_time=0.6)
        self.play(Indicate(sentence[:6]), run_time=0.5)
        self.play(FadeIn(note, shift=UP), run_time=0.4)
        self.play(Circumscribe(VGroup(sentence, note)), run_time=0.6)
