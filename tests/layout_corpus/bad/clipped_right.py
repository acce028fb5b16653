"""A long sentence runs off the right edge of the frame.

expect: out_of_frame line 11
"""

from manim import UP, Scene, Text, Write


class ClippedRight(Scene):
    def construct(self):
        note = Text("This sentence is far too long to fit on the screen", font_size=40)  # planted: out_of_frame
        note.shift(UP * 1.5).align_to([0, 0, 0], direction=[-1, 0, 0])
        self.play(Write(note))
        self.wait()
