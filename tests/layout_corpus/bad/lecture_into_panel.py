"""Canvas content moved over the lecture-line panel.

expect: overlap_text_text line 17
"""

from manim import LEFT, UP, FadeIn, Text

from code2video_jupyter.scaffold import LectureScene


class LectureIntoPanel(LectureScene):
    title = "Panels"
    lines = ["Lines live on the left", "The canvas lives on the right"]

    def construct(self):
        with self.line(0):
            note = Text("stray note", font_size=32).move_to(LEFT * 4.8 + UP * 2.4)  # planted: overlap_text_text
            self.play(FadeIn(note))
        with self.line(1):
            self.wait(0.5)
