"""A clock hand turned by an updater during a wait: its long hand sweeps past the left edge.

expect: motion_out_of_frame line 17
"""

from manim import LEFT, UP, Circle, Create, Dot, Line, Scene


class MotionNeedleUpdater(Scene):
    def construct(self):
        center = LEFT * 4.9 + UP * 1.2
        face = Circle(radius=1.8).move_to(center)
        hand = Line(center, center + UP * 2.5, stroke_width=6)
        self.play(Create(face), Create(hand), Create(Dot(center)))
        hand.add_updater(lambda m, dt: m.rotate(-dt * 3.14159, about_point=center))
        # Two seconds: the hand turns once round and ends where it began, pointing up.
        self.wait(2)  # planted: motion_out_of_frame
        hand.clear_updaters()
        self.wait()
