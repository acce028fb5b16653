"""A big table squeezed into one anchor cell: its entries become unreadable.

expect: text_too_small line 18
"""

from manim import Create

from code2video_jupyter.scaffold import LectureScene, table


class LectureTinyTable(LectureScene):
    title = "Squeezed"
    lines = ["A table in one cell"]

    def construct(self):
        with self.line(0):
            rows = [["n", "n squared", "n cubed"], ["1", "1", "1"], ["2", "4", "8"], ["3", "9", "27"]]
            t = self.place_in(table(rows), "C3")  # planted: text_too_small
            self.play(Create(t))
