"""
category: fences_indent
pattern: the fence was stripped but its language tag `python` was left on its own line
source: https://github.com/ManimCommunity/DiscordManimator/pull/42
error: NameError: name 'python' is not defined
line: 9
expect_static: true
"""
python
from manim import *


class TagLeft(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.5)
