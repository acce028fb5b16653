"""
category: correct
pattern: An ImageMobject grouped with a frame in a Group (not a VGroup)
source: https://docs.manim.community/en/stable/reference/manim.mobject.types.image_mobject.ImageMobject.html
"""
from manim import *


class Picture(Scene):
    def construct(self):
        pixels = np.uint8([[0, 64, 128, 255], [255, 128, 64, 0]])
        picture = ImageMobject(pixels).set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
        picture.scale_to_fit_height(2)
        frame = SurroundingRectangle(picture, color=WHITE)
        card = Group(frame, picture)
        caption = Text("a 4x2 image", font_size=28).next_to(card, DOWN)
        self.play(FadeIn(card), Write(caption), run_time=0.6)
        self.play(Group(card, caption).animate.shift(LEFT * 2), run_time=0.5)
