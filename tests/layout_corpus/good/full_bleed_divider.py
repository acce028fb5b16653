"""A divider line across the whole frame between a heading and the body."""

from manim import DOWN, GREY, UP, Create, FadeIn, Line, Scene, Text, config


class FullBleedDivider(Scene):
    def construct(self):
        head = Text("Chapter 2", font_size=48).to_edge(UP)
        w = config.frame_width / 2
        rule = Line([-w, 2.4, 0], [w, 2.4, 0], color=GREY)
        body = Text("Waves carry energy, not matter", font_size=34).shift(DOWN * 0.5)
        self.play(FadeIn(head), Create(rule))
        self.play(FadeIn(body))
        self.wait()
