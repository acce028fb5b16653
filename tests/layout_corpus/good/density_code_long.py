"""A twelve-line listing held long enough to be read."""

from manim import Code, FadeIn, Scene

SOURCE = """def binary_search(xs, target):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
"""


class DensityCodeLong(Scene):
    def construct(self):
        listing = Code(code_string=SOURCE, language="python", background="window",
                       paragraph_config={"font_size": 24})
        self.play(FadeIn(listing))
        self.wait(10)
