"""
category: renamed_api
pattern: manimgl constants FRAME_WIDTH / FRAME_X_RADIUS are config.frame_width / config.frame_x_radius in manim community
source: https://github.com/Elteoremadebeethoven/MyAnimations/pull/7
error: NameError: name 'FRAME_WIDTH' is not defined
line: 14
expect_static: true
"""
from manim import *


class FullWidthLine(Scene):
    def construct(self):
        line = Line(LEFT, RIGHT).set_width(FRAME_WIDTH - 1)
        self.play(Create(line), run_time=0.5)
        self.wait(0.2)
