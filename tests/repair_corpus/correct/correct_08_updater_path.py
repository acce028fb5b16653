"""
category: correct
pattern: A dot moved along a circle with MoveAlongPath, traced and followed by a label updater
source: https://docs.manim.community/en/stable/reference/manim.animation.movement.MoveAlongPath.html
"""
from manim import *


class Orbit(Scene):
    def construct(self):
        orbit = Circle(radius=2, color=GREY)
        planet = Dot(orbit.point_from_proportion(0), color=BLUE)
        trail = TracedPath(planet.get_center, stroke_color=BLUE, stroke_width=3)
        tag = Text("P", font_size=28)
        tag.add_updater(lambda m: m.next_to(planet, UR, buff=0.1))
        self.add(orbit, trail, planet, tag)
        self.play(MoveAlongPath(planet, orbit), run_time=1.2, rate_func=linear)
        tag.clear_updaters()
        self.wait(0.2)
