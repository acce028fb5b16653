"""A footnote at font size 9: unreadable at 480p.

expect: text_too_small line 13
"""

from manim import DOWN, FadeIn, Scene, Text, Write


class TinyText(Scene):
    def construct(self):
        main = Text("The main point", font_size=44)
        self.play(Write(main))
        foot = Text("source: a textbook, chapter 3", font_size=9).shift(DOWN * 2.5)  # planted: text_too_small
        self.play(FadeIn(foot))
        self.wait()
