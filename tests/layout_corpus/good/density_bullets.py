"""A title and five short bullets, spaced and held for reading."""

from manim import DOWN, LEFT, UP, FadeIn, Scene, Text, VGroup, Write

BULLETS = ["Cells are the unit of life", "Every cell comes from a cell", "DNA carries the instructions",
           "Ribosomes build proteins", "Membranes keep order inside"]


class DensityBullets(Scene):
    def construct(self):
        title = Text("Cell theory", font_size=44).to_edge(UP)
        items = VGroup(*[Text("- " + b, font_size=30) for b in BULLETS])
        items.arrange(DOWN, aligned_edge=LEFT, buff=0.4).next_to(title, DOWN, buff=0.7)
        self.play(Write(title))
        for item in items:
            self.play(FadeIn(item), run_time=0.5)
            self.wait(1.5)
        self.wait(2)
