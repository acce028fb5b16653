"""A pixel image with a caption below it."""

import numpy as np
from manim import DOWN, FadeIn, ImageMobject, Scene, Text


class ImageCaption(Scene):
    def construct(self):
        pixels = np.zeros((60, 90, 3), dtype=np.uint8)
        pixels[:, :45] = (200, 60, 60)
        pixels[:, 45:] = (60, 60, 200)
        pic = ImageMobject(pixels).scale_to_fit_height(3)
        caption = Text("two colours", font_size=32).next_to(pic, DOWN)
        self.play(FadeIn(pic), FadeIn(caption))
        self.wait()
