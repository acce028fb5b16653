"""always_redraw text that a tracker pushes past the right edge.

expect: out_of_frame line 12
"""

from manim import FadeIn, Scene, Text, ValueTracker, always_redraw


class AlwaysRedrawOffscreen(Scene):
    def construct(self):
        t = ValueTracker(0)
        moving = always_redraw(lambda: Text("runaway", font_size=40).move_to([t.get_value(), 1, 0]))  # planted: out_of_frame
        self.play(FadeIn(moving))
        self.play(t.animate.set_value(6.5), run_time=2)
        self.wait()
