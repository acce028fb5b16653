"""A lecture block whose canvas text is far longer than its narration lasts.

expect: reading_too_fast line 17
"""

from manim import FadeIn

from code2video_jupyter.scaffold import LectureScene, text_block


class DensityLectureOverload(LectureScene):
    title = "Why the sky is blue"
    lines = ["Scattering", "Sunsets"]

    def construct(self):
        with self.line(0):
            body = self.place_in(text_block("Sunlight holds every colour. Air molecules are much smaller than the wavelength of light, so they scatter short wavelengths far more strongly than long ones: blue light is scattered about five times more than red, and reaches our eyes from every direction of the sky."), "A1", "F6")  # planted: reading_too_fast
            self.play(FadeIn(body), run_time=0.5)
        with self.line(1):
            self.clear_canvas(body)
