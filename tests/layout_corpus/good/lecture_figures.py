"""A LectureScene with the scaffold's figure builders: a number line and a table."""

from manim import Create, FadeIn

from code2video_jupyter.scaffold import LectureScene, number_line, table


class LectureFigures(LectureScene):
    title = "Counting up"
    lines = ["Numbers on a line", "And in a table"]

    def construct(self):
        with self.line(0):
            nl = self.place_in(number_line(x_range=(0, 6), marks=[(2, "a"), (5, "b")], width=7.5), "A1:C6")
            self.play(Create(nl.line), FadeIn(nl.numbers))
            self.play(FadeIn(nl.marks))
        with self.line(1):
            t = self.place_in(table([["n", "2n"], ["1", "2"], ["2", "4"]]), "D2:F5")
            self.play(Create(t))
