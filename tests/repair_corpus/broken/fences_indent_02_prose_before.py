"""
category: fences_indent
pattern: a prose sentence from the chat answer precedes the code
source: https://github.com/Mayanksain244/MANIM-AI/blob/7d6cf24dbf55fbdf75d52d10b996062148b1e06b/generators/prompts.py
error: SyntaxError: invalid syntax
line: 9
expect_static: true
"""
Here is the Manim scene you asked for:

from manim import *


class WithPreamble(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.5)
