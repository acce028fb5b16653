"""
category: mixed_group
pattern: a mobject passed where AnimationGroup expects animations
source: https://docs.manim.community/en/stable/reference/manim.animation.composition.AnimationGroup.html
error: TypeError: Object Circle cannot be converted to an animation
line: 16
expect_static: false
"""
from manim import *


class Together(Scene):
    def construct(self):
        circle = Circle()
        square = Square().shift(RIGHT * 2)
        self.play(AnimationGroup(circle, Create(square)), run_time=0.5)
