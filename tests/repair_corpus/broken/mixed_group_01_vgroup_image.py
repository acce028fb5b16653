"""
category: mixed_group
pattern: an ImageMobject put in a VGroup (only VMobjects allowed; use Group)
source: https://github.com/ManimCommunity/manim/issues/3755
error: TypeError: Only values of type VMobject can be added as submobjects of VGroup, but the value ImageMobject (at index 0 of parameter 1) is of type ImageMobject.
line: 16
expect_static: false
"""
from manim import *


class Picture(Scene):
    def construct(self):
        picture = ImageMobject(np.uint8([[0, 128, 255], [255, 128, 0]])).scale(2)
        frame = SurroundingRectangle(picture, color=WHITE)
        card = VGroup(frame, picture)
        self.play(FadeIn(card), run_time=0.5)
