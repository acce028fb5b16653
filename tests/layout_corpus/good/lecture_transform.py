"""A LectureScene that turns one equation into the next and highlights a part."""

from manim import Write

from code2video_jupyter.scaffold import LectureScene, equation


class LectureTransform(LectureScene):
    title = "Solving for x"
    lines = ["Start from the equation", "Subtract 3 on both sides", "Divide by 2"]

    def construct(self):
        with self.line(0):
            eq = self.place_in(equation(r"2x + 3 = 11"), "B2", "C5")
            self.play(Write(eq))
        with self.line(1):
            eq = self.transform_to(eq, equation(r"2x = 8"))
        with self.line(2):
            eq = self.transform_to(eq, equation(r"x = 4"))
            self.highlight(eq)
