"""
category: missing_import
pattern: np comes only from the star import; with explicit manim imports numpy must be imported as np
source: https://docs.python.org/3/reference/simple_stmts.html#the-import-statement
error: NameError: name 'np' is not defined
line: 14
expect_static: true
"""
from manim import Create, Dot, Scene, VGroup


class Samples(Scene):
    def construct(self):
        dots = VGroup(*[Dot([x, 0, 0]) for x in np.linspace(-3, 3, 7)])
        self.play(Create(dots), run_time=0.5)
