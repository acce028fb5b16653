"""
category: fences_indent
pattern: a closing ``` fence (and chat tail) was left after the code although the opening one was stripped
source: https://github.com/ManimCommunity/DiscordManimator/pull/42
error: SyntaxError: invalid syntax
line: 15
expect_static: true
"""
from manim import *


class TrailingFence(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.5)
```
