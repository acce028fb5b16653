"""
category: missing_import
pattern: `import manim` puts only the package name in scope; bare Circle/Create need `from manim import *`
source: https://docs.python.org/3/reference/simple_stmts.html#the-import-statement
error: NameError: name 'Circle' is not defined
line: 14
expect_static: true
"""
import manim


class Qualified(manim.Scene):
    def construct(self):
        circle = Circle()
        self.play(manim.Create(circle), run_time=0.5)
