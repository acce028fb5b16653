"""A long paragraph shown for two seconds, then cleared.

expect: reading_too_fast line 14
"""

from manim import FadeIn, FadeOut, Paragraph, Scene

TEXT = ("Photosynthesis turns light into chemical energy.", "Chlorophyll absorbs red and blue light.",
        "Water is split and oxygen is released.", "Carbon dioxide is fixed into sugars.")


class DensityParagraphFlash(Scene):
    def construct(self):
        p = Paragraph(*TEXT, font_size=26)  # planted: reading_too_fast
        self.play(FadeIn(p), run_time=0.5)
        self.wait(1.5)
        self.play(FadeOut(p))
        self.wait()
