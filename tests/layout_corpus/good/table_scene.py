"""A small table with a header row."""

from manim import Create, Scene, Table, Text


class TableScene(Scene):
    def construct(self):
        t = Table([["1", "1"], ["2", "4"], ["3", "9"]], include_outer_lines=True,
                  col_labels=[Text("n"), Text("n squared")],
                  element_to_mobject_config={"font_size": 32})
        self.play(Create(t))
        self.wait()
