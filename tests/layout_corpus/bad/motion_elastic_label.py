"""A caption springs to its place at the top with an elastic easing; its swing clips at the top edge.

expect: motion_out_of_frame line 13
"""

from manim import UP, FadeIn, Scene, Text, rate_functions


class MotionElasticLabel(Scene):
    def construct(self):
        caption = Text("Newton's second law", font_size=40)
        self.play(FadeIn(caption))
        self.play(caption.animate.to_edge(UP, buff=0.3), rate_func=rate_functions.ease_out_elastic, run_time=2)  # planted: motion_out_of_frame
        self.wait()
