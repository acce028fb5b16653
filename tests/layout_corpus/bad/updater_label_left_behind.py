"""A dot driven by a ValueTracker; the label was placed once and does not follow.

expect: label_far line 14
"""

from manim import LEFT, UP, Dot, FadeIn, Scene, Text, ValueTracker


class UpdaterLabelLeftBehind(Scene):
    def construct(self):
        x = ValueTracker(-4)
        dot = Dot().add_updater(lambda d: d.move_to([x.get_value(), 0, 0]))
        dot.update()
        tag = Text("x", font_size=36).next_to(dot, UP)  # planted: label_far
        self.play(FadeIn(dot), FadeIn(tag))
        self.play(x.animate.set_value(3), run_time=2)
        self.wait()
        dot.clear_updaters()
        self.play(dot.animate.shift(LEFT))
