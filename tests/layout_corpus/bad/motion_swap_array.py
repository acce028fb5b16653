"""A sorting step: two cells of one array (made in one comprehension) swap on straight paths.

expect: motion_overlap line 18
"""

from manim import RIGHT, Create, Scene, Square, Text, VGroup


class MotionSwapArray(Scene):
    def construct(self):
        values = [5, 2, 8, 1]
        cells = VGroup(*[VGroup(Square(1.0), Text(str(v), font_size=36)) for v in values])
        cells.arrange(RIGHT, buff=0.1)
        self.play(Create(cells))
        for i, j in [(0, 1)]:
            ci, cj = cells[i], cells[j]
            pi, pj = ci.get_center(), cj.get_center()
            self.play(  # planted: motion_overlap
                ci.animate.move_to(pj),
                cj.animate.move_to(pi),
                run_time=1.5,
            )
        self.wait()
