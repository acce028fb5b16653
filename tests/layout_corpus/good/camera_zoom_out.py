"""A MovingCameraScene that zooms out to show more."""

from manim import RIGHT, Create, MovingCameraScene, Square, Text, Write


class CameraZoomOut(MovingCameraScene):
    def construct(self):
        words = Text("a wide view", font_size=40)
        self.play(Write(words))
        box = Square(side_length=2).shift(RIGHT * 7)
        self.play(self.camera.frame.animate.scale(1.8).shift(RIGHT * 3))
        self.play(Create(box))
        self.wait()
