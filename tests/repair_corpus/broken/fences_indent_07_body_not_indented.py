"""
category: fences_indent
pattern: the method body lost its indentation (flattened when the answer was re-wrapped)
source: https://docs.python.org/3/reference/lexical_analysis.html#indentation
error: IndentationError: expected an indented block after function definition on line 13
line: 14
expect_static: true
"""
from manim import *


class Flattened(Scene):
    def construct(self):
    circle = Circle()
    self.play(Create(circle), run_time=0.5)
