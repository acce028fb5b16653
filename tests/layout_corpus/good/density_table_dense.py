"""A dense but readable table: seven rows of planet data under a header, held long enough."""

from manim import Create, Scene, Table, Text

ROWS = [["Mercury", "0.39", "88", "0"], ["Venus", "0.72", "225", "0"], ["Earth", "1.00", "365", "1"],
        ["Mars", "1.52", "687", "2"], ["Jupiter", "5.20", "4333", "95"], ["Saturn", "9.54", "10759", "146"],
        ["Uranus", "19.2", "30687", "28"]]


class DensityTableDense(Scene):
    def construct(self):
        t = Table(ROWS, col_labels=[Text(s) for s in ("planet", "AU", "days", "moons")],
                  include_outer_lines=True, element_to_mobject_config={"font_size": 26},
                  v_buff=0.3, h_buff=0.6)
        t.scale_to_fit_height(7.0)
        self.play(Create(t), run_time=2)
        self.wait(8)
