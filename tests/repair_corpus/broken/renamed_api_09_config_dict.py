"""
category: renamed_api
pattern: CONFIG class dicts (digest_config) were removed; attributes are no longer set from CONFIG
source: https://github.com/ManimCommunity/manim/issues/918
error: AttributeError: 'ConfiguredCircle' object has no attribute 'circle_radius'
line: 16
expect_static: true
"""
from manim import *


class ConfiguredCircle(Scene):
    CONFIG = {"circle_radius": 2, "circle_color": RED}

    def construct(self):
        circle = Circle(radius=self.circle_radius, color=self.circle_color)
        self.play(Create(circle), run_time=0.5)
