"""
category: mixed_group
pattern: Create applied to a Group holding an ImageMobject (Create only works for VMobjects)
source: https://docs.manim.community/en/stable/reference/manim.animation.creation.Create.html
error: TypeError: Create only works for VMobjects.
line: 16
expect_static: false
"""
from manim import *


class Draw(Scene):
    def construct(self):
        image = ImageMobject(np.uint8([[0, 255], [255, 0]])).scale(2)
        scene_group = Group(Circle(), image).arrange(RIGHT)
        self.play(Create(scene_group), run_time=0.5)
