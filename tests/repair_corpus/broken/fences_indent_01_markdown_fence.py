"""
category: fences_indent
pattern: the model's answer kept its markdown code fence (```python ... ```)
source: https://github.com/ManimCommunity/DiscordManimator/pull/42
error: SyntaxError: invalid syntax
line: 9
expect_static: true
"""
```python
from manim import *


class Fenced(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.5)
```
