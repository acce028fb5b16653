"""
category: mixed_group
pattern: VGroup.add with an ImageMobject (only VMobjects allowed; use Group)
source: https://github.com/ManimCommunity/manim/pull/304
error: TypeError: Only values of type VMobject can be added as submobjects of VGroup, but the value ImageMobject (at index 0 of parameter 0) is of type ImageMobject.
line: 15
expect_static: false
"""
from manim import *


class Gallery(Scene):
    def construct(self):
        gallery = VGroup(Square(), Circle()).arrange(RIGHT)
        gallery.add(ImageMobject(np.uint8([[0, 255], [255, 0]])))
        self.play(FadeIn(gallery), run_time=0.5)
