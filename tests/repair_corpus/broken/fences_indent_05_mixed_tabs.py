"""
category: fences_indent
pattern: indentation mixes a tab with spaces inside one block (TabError in Python 3)
source: https://docs.python.org/3/reference/lexical_analysis.html#indentation
error: TabError: inconsistent use of tabs and spaces in indentation
line: 15
expect_static: true
"""
from manim import *


class MixedIndent(Scene):
    def construct(self):
        square = Square()
	self.play(Create(square), run_time=0.5)
