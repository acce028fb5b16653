"""
category: latex_error
pattern: an unescaped & in Tex outside an alignment environment (Misplaced alignment tab character)
source: https://github.com/nschloe/tikzplotlib/pull/95
error: ValueError: latex error converting to dvi.
line: 14
expect_static: false
"""
from manim import *


class Ledger(Scene):
    def construct(self):
        text = Tex("Profit & Loss")
        self.play(Write(text), run_time=0.5)
