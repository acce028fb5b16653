"""A DecimalNumber driven by a ValueTracker through an updater, next to its name."""

from manim import RIGHT, DecimalNumber, FadeIn, MathTex, Scene, ValueTracker, VGroup


class ValueTrackerNumber(Scene):
    def construct(self):
        t = ValueTracker(0)
        name = MathTex("t =", font_size=48)
        value = DecimalNumber(0, num_decimal_places=2, font_size=48).next_to(name, RIGHT)
        value.add_updater(lambda v: v.set_value(t.get_value()).next_to(name, RIGHT))
        self.play(FadeIn(VGroup(name, value)))
        self.play(t.animate.set_value(9.99), run_time=2)
        self.wait()
