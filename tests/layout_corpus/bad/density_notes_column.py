"""Notes added one under the other down the right side until the column is full.

expect: text_wall line 26
"""

from manim import DOWN, LEFT, RIGHT, UP, Circle, Create, FadeIn, Scene, Text

NOTES = [
    "The force on a charge is qE",
    "E points away from positive charges",
    "Field lines never cross each other",
    "Density of lines shows the strength",
    "Inside a conductor the field is zero",
    "Charge sits on the conductor's surface",
    "Potential is work per unit charge",
    "Equipotentials meet field lines at 90 deg",
    "Gauss: flux equals enclosed charge over e0",
]


class DensityNotesColumn(Scene):
    def construct(self):
        self.play(Create(Circle(1.5).shift(LEFT * 4)))
        prev = None
        for note in NOTES:
            t = Text(note, font_size=24)  # planted: text_wall
            if prev is None:
                t.to_corner(UP + RIGHT, buff=0.4)
            else:
                t.next_to(prev, DOWN, buff=0.2, aligned_edge=LEFT)
            self.play(FadeIn(t), run_time=0.6)
            prev = t
        self.wait(3)
