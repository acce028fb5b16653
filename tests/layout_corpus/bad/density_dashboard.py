"""A dashboard: twelve labelled readouts, each a name and a value, laid out in a grid.

expect: text_wall line 17
"""

from manim import RIGHT, DecimalNumber, FadeIn, Scene, Text, VGroup

READOUTS = [("speed", 12.4), ("altitude", 1520.0), ("heading", 271.0), ("pitch", 4.2),
            ("roll", -1.3), ("fuel", 63.0), ("oil temp", 92.5), ("rpm", 2450.0),
            ("voltage", 13.8), ("airspeed", 118.0), ("climb", 3.5), ("range", 412.0)]


class DensityDashboard(Scene):
    def construct(self):
        cells = VGroup()
        for name, value in READOUTS:
            label = Text(name + ":", font_size=26)  # planted: text_wall
            number = DecimalNumber(value, num_decimal_places=1, font_size=30)
            cells.add(VGroup(label, number).arrange(RIGHT, buff=0.15))
        cells.arrange_in_grid(rows=4, cols=3, buff=(0.8, 0.6))
        self.play(FadeIn(cells))
        self.wait(4)
