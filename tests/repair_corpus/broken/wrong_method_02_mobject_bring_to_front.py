"""
category: wrong_method
pattern: bring_to_front is a Scene method; a Mobject has no bring_to_front (use set_z_index or scene.bring_to_front)
source: https://docs.manim.community/en/stable/reference/manim.scene.scene.Scene.html#manim.scene.scene.Scene.bring_to_front
error: AttributeError: Dot object has no attribute 'bring_to_front'
line: 16
expect_static: true
"""
from manim import *


class Layers(Scene):
    def construct(self):
        square = Square(fill_opacity=1, color=BLUE)
        dot = Dot(color=YELLOW)
        dot.bring_to_front()
        self.add(dot, square)
        self.wait(0.2)
