"""The body text is moved up into the title.

expect: overlap_text_text line 13
"""

from manim import UP, FadeIn, Scene, Text, Write


class TitleIntoBody(Scene):
    def construct(self):
        title = Text("Newton's second law", font_size=48).to_edge(UP)
        self.play(Write(title))
        body = Text("Force equals mass times acceleration", font_size=32).next_to(title, UP, buff=-0.5)  # planted: overlap_text_text
        self.play(FadeIn(body))
        self.wait()
