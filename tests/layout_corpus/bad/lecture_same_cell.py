"""A lecture scene that places two texts in the same anchor cell.

expect: overlap_text_text line 20
"""

from manim import FadeIn, Text

from code2video_jupyter.scaffold import LectureScene


class LectureSameCell(LectureScene):
    title = "Two ideas"
    lines = ["The first idea", "The second idea"]

    def construct(self):
        with self.line(0):
            a = self.place_at(Text("first", font_size=32), "B3")
            self.play(FadeIn(a))
        with self.line(1):
            b = self.place_at(Text("second", font_size=32), "B3")  # planted: overlap_text_text
            self.play(FadeIn(b))
