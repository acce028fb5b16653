"""Animation groups (LaggedStart, AnimationGroup, Succession), Indicate and Wiggle, and a group
turned by an updater."""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Scene,
    Square,
    Succession,
    Text,
    VGroup,
    Wiggle,
    Write,
)


class LaggedGroups(Scene):
    def construct(self):
        words = VGroup(*[Text(w, font_size=32) for w in ("one", "two", "three")]).arrange(RIGHT, buff=0.8)
        words.to_edge(UP, buff=0.8)
        self.play(LaggedStart(*[FadeIn(w, shift=DOWN * 0.3) for w in words], lag_ratio=0.3))
        c = Circle(radius=0.8).shift(LEFT * 3 + DOWN)
        name = Text("wheel", font_size=30).next_to(c, DOWN)
        self.play(AnimationGroup(Create(c), Write(name)))
        flash = Text("briefly", font_size=30).shift(RIGHT * 3 + DOWN)
        self.play(Succession(FadeIn(flash), FadeOut(flash)))
        self.play(Indicate(words[1]), Wiggle(words[2]))
        spinner = VGroup(Square(side_length=1.2), Text("spin", font_size=24)).shift(RIGHT * 3 + DOWN)
        spinner.add_updater(lambda m, dt: m.rotate(0.5 * dt))
        self.add(spinner)
        self.wait(2)
        spinner.clear_updaters()
        self.play(FadeOut(spinner), c.animate.shift(RIGHT), name.animate.shift(RIGHT))
        self.wait()
