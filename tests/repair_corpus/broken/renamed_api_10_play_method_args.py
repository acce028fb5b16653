"""
category: renamed_api
pattern: self.play(mob.method, arg) was removed in v0.2; use self.play(mob.animate.method(arg))
source: https://github.com/ManimCommunity/manim/issues/918
error: TypeError: Passing Mobject methods to Scene.play is no longer supported. Use Mobject.animate instead.
line: 16
expect_static: false
"""
from manim import *


class MoveDot(Scene):
    def construct(self):
        dot = Dot(color=RED)
        self.add(dot)
        self.play(dot.shift, 2 * RIGHT, run_time=0.5)
