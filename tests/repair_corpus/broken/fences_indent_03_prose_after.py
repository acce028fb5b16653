"""
category: fences_indent
pattern: an explanation from the chat answer follows the code
source: https://github.com/Mayanksain244/MANIM-AI/blob/7d6cf24dbf55fbdf75d52d10b996062148b1e06b/generators/prompts.py
error: SyntaxError: invalid syntax
line: 16
expect_static: true
"""
from manim import *


class WithEpilogue(Scene):
    def construct(self):
        self.play(Create(Triangle()), run_time=0.5)

This scene draws a triangle with a short creation animation.
