"""A planet orbits a labelled sun (Rotating about the sun's centre) inside the frame."""

from manim import RIGHT, YELLOW, Circle, Create, Dot, Rotating, Scene, Text, Write, linear


class MotionOrbit(Scene):
    def construct(self):
        sun = Dot(radius=0.3, color=YELLOW)
        name = Text("sun", font_size=28).next_to(sun, RIGHT * 0.5 + [0, -0.9, 0])
        orbit = Circle(radius=2.8)
        planet = Dot(radius=0.15).move_to(RIGHT * 2.8)
        self.play(Create(sun), Write(name), Create(orbit), Create(planet))
        self.play(Rotating(planet, about_point=sun.get_center(), run_time=4, rate_func=linear))
        self.wait()
