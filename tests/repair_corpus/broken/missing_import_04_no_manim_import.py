"""
category: missing_import
pattern: the manim import was forgotten entirely, so Scene and every mobject are undefined
source: https://docs.python.org/3/reference/simple_stmts.html#the-import-statement
error: NameError: name 'Scene' is not defined
line: 12
expect_static: true
"""
import numpy as np


class Forgotten(Scene):
    def construct(self):
        circle = Circle()
        self.play(Create(circle), run_time=0.5)
