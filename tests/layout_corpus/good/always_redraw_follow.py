"""always_redraw: a dot and a label that follow a tracker together."""

from manim import UP, Create, Dot, FadeIn, Line, Scene, Text, ValueTracker, VGroup, always_redraw


class AlwaysRedrawFollow(Scene):
    def construct(self):
        x = ValueTracker(-4)
        track = Line([-5, 0, 0], [5, 0, 0])
        dot = always_redraw(lambda: Dot([x.get_value(), 0, 0]))
        tag = always_redraw(lambda: Text("car", font_size=30).next_to(dot, UP, buff=0.3))
        self.play(Create(track))
        self.play(FadeIn(VGroup(dot, tag)))
        self.play(x.animate.set_value(4), run_time=2)
        self.wait()
