"""
category: fences_indent
pattern: the whole program is indented (copied out of a markdown list or a nested block)
source: https://docs.python.org/3/reference/lexical_analysis.html#indentation
error: IndentationError: unexpected indent
line: 9
expect_static: true
"""
    from manim import *


    class Indented(Scene):
        def construct(self):
            self.play(Create(Circle()), run_time=0.5)
