"""An equation slides from the top left to the bottom right, straight across a caption.

expect: motion_overlap line 14
"""

from manim import DL, UL, MathTex, Scene, Text, Write


class MotionEquationOverCaption(Scene):
    def construct(self):
        eq = MathTex(r"E = mc^2", font_size=60).to_corner(UL, buff=1)
        caption = Text("mass and energy", font_size=32)
        self.play(Write(eq), Write(caption))
        self.play(eq.animate.to_corner(DL, buff=1).shift([8, 0, 0]), run_time=1.5)  # planted: motion_overlap
        self.wait()
