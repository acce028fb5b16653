"""A LectureScene with texts and shapes on the anchor grid."""

from manim import BLUE, Circle, Create, FadeIn, Square, Text, Write

from code2video_jupyter.scaffold import LectureScene, equation


class LectureBasic(LectureScene):
    title = "Shapes and names"
    lines = ["A circle on the left", "A square on the right", "And a formula below"]

    def construct(self):
        with self.line(0):
            c = self.place_in(Circle(radius=1.2, color=BLUE), "A1", "C3")
            name = self.place_at(Text("circle", font_size=28), "D2")
            self.play(Create(c), FadeIn(name))
        with self.line(1):
            s = self.place_in(Square(side_length=2.4), "A4", "C6")
            self.play(Create(s))
        with self.line(2):
            eq = self.place_in(equation(r"A = \pi r^2"), "E4", "F6")
            self.play(Write(eq))
