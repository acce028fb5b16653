"""
category: correct
pattern: a scene that reads its module's own names (__name__, __file__): a module has them
source: written here
"""
from manim import *

SOURCE_NAME = __file__.rsplit("/", 1)[-1]


class ModuleNames(Scene):
    def construct(self):
        title = Text(f"{__name__}: {SOURCE_NAME}", font_size=24)
        self.play(Write(title), run_time=0.3)
