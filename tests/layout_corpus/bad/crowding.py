"""Sixteen separate words on screen at once.

expect: crowding line 14
"""

from manim import FadeIn, Scene, Text, VGroup

WORDS = ["mass", "force", "speed", "time", "energy", "work", "power", "heat",
         "charge", "field", "wave", "light", "atom", "spin", "orbit", "decay"]


class Crowding(Scene):
    def construct(self):
        words = VGroup(*[Text(w, font_size=28) for w in WORDS])  # planted: crowding
        words.arrange_in_grid(rows=4, buff=(0.8, 0.6))
        self.play(FadeIn(words))
        self.wait()
