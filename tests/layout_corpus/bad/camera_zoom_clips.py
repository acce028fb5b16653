"""Zooming the camera in until a sentence no longer fits in the frame.

expect: out_of_frame line 11
"""

from manim import MovingCameraScene, Text, Write


class CameraZoomClips(MovingCameraScene):
    def construct(self):
        words = Text("zoom into this sentence", font_size=40)  # planted: out_of_frame
        self.play(Write(words))
        self.play(self.camera.frame.animate.scale(0.4))
        self.wait()
