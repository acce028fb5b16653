"""
category: renamed_api
pattern: TextMobject (3b1b manim, early community releases) was replaced by Tex (LaTeX text) / Text (Pango)
source: https://github.com/ManimCommunity/manim/pull/391
error: NameError: name 'TextMobject' is not defined
line: 14
expect_static: true
"""
from manim import *


class Greeting(Scene):
    def construct(self):
        title = TextMobject("Hello, derivatives")
        title.to_edge(UP)
        self.play(Write(title), run_time=0.5)
        self.wait(0.2)
