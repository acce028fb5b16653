"""Four readouts that change while a tracker moves: numbers updating in place are not new text."""

from manim import DOWN, LEFT, RIGHT, DecimalNumber, FadeIn, Scene, Text, ValueTracker, VGroup


class DensityLiveReadouts(Scene):
    def construct(self):
        t = ValueTracker(0)
        rows = VGroup()
        for name, k in (("time", 1.0), ("distance", 4.9), ("speed", 9.8), ("energy", 48.0)):
            value = DecimalNumber(0, num_decimal_places=2, font_size=34)
            value.add_updater(lambda v, k=k: v.set_value(k * t.get_value()))
            rows.add(VGroup(Text(name, font_size=30), value).arrange(RIGHT, buff=0.3))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        self.play(FadeIn(rows))
        self.wait(1)
        self.play(t.animate.set_value(3), run_time=3)
        self.wait(2)
        rows.shift(LEFT * 0)
