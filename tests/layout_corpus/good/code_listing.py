"""A code listing with its window background."""

from manim import Code, FadeIn, Scene

SOURCE = """def square(n):
    return n * n

print(square(4))
"""


class CodeListing(Scene):
    def construct(self):
        listing = Code(code_string=SOURCE, language="python", background="window",
                       paragraph_config={"font_size": 28})
        self.play(FadeIn(listing))
        self.wait()
