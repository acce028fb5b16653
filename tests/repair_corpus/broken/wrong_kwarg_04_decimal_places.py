"""
category: wrong_kwarg
pattern: DecimalNumber(decimal_places=...) does not exist; the keyword is num_decimal_places
source: https://docs.manim.community/en/stable/reference/manim.mobject.text.numbers.DecimalNumber.html
error: TypeError: Mobject.__init__() got an unexpected keyword argument 'decimal_places'
line: 14
expect_static: true
"""
from manim import *


class ShowPi(Scene):
    def construct(self):
        number = DecimalNumber(3.14159, decimal_places=2)
        self.play(FadeIn(number), run_time=0.5)
        self.wait(0.2)
