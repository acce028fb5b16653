"""The repair loop on classes of real-world mistakes (small programs written here, each
reproducing a class seen in code that LLMs write): each runs after `fix --no-llm`, verified by a
real check run in the sandbox; a program that runs is never changed; a cure that does not
touch the error is rolled back."""

from __future__ import annotations

import textwrap
from pathlib import Path

import av
import pytest
from PIL import Image

from code2video_jupyter.repair import check_source
from code2video_jupyter.repair.data_files import find_data_files
from code2video_jupyter.repair.fix_file import fix_file
from code2video_jupyter.repair.loop import Attempt, repair
from code2video_jupyter.repair.namespace import load_namespace
from code2video_jupyter.repair.runtime_fixes import runtime_fixes


def _write(tmp_path: Path, body: str, header: str = "from manim import *\nimport numpy as np\n") -> Path:
    path = tmp_path / "scene.py"
    path.write_text(header + "\n\n" + textwrap.dedent(body).strip() + "\n", encoding="utf-8")
    return path


def _fix(path: Path):
    return fix_file(path, render=False, timeout=120)


CASES = {
    # keyword arguments a constructor does not take: dropped, with a comment that says so
    "unknown_kwarg": ("""
        class S(Scene):
            def construct(self):
                box = Rectangle(width=2, height=1, label="box", corner_radius=0.1)
                self.play(Create(box))
        """, ["# fix: removed label= from Rectangle()"]),
    # a range under another axis's name: Surface takes u_range/v_range
    "range_keyword": ("""
        class S(ThreeDScene):
            def construct(self):
                s = Surface(lambda u, v: np.array([u, v, u * v]), x_range=[-1, 1], y_range=[-1, 1, 0.25])
                self.add(s)
        """, ["u_range=[-1, 1]", "v_range=[-1, 1]"]),
    # the same through a method whose **kwargs reach Mobject: plot_surface's own ranges
    "method_range_keyword": ("""
        class S(ThreeDScene):
            def construct(self):
                axes = ThreeDAxes()
                surface = axes.plot_surface(lambda x, y: x * y, x_range=[-2, 2, 0.25], y_range=[-2, 2])
                self.add(axes, surface)
        """, ["axes.plot_surface(lambda x, y: x * y, u_range=[-2, 2], v_range=[-2, 2])"]),
    # properties manim spells as getters
    "accessor": ("""
        class S(Scene):
            def construct(self):
                r = Rectangle(width=2, height=1)
                self.add(r, Dot(r.bottom_left), Dot(r.top))
        """, ["r.get_corner(DL)", "r.get_top()"]),
    # numpy 2 removed np.math and the builtin aliases
    "numpy_removed": ("""
        class S(Scene):
            def construct(self):
                n = np.math.factorial(4) + np.float(1)
                self.add(Text(str(n)))
        """, ["math.factorial(4)", "float(1)", "import math"]),
    # 2-D points where manim wants 3-D ones, also through a variable
    "point_2d": ("""
        class S(Scene):
            def construct(self):
                start = np.array([-2, 0])
                line = Line(start, [2, 1])
                self.play(Create(line))
                self.add(Dot([1, 1]))
        """, ["np.array([-2, 0, 0])", "[2, 1, 0]", "Dot([1, 1, 0])"]),
    # unicode in MathTex
    "latex_unicode": ("""
        class S(Scene):
            def construct(self):
                self.add(MathTex("a ≤ b → π"))
        """, [r"\leq", r"\rightarrow", r"\pi"]),
    # a reply cut off in the middle of a statement
    "truncated": ("""
        class S(Scene):
            def construct(self):
                c = Circle()
                self.play(Create(c))
                self.play(c.animate.shift(RIGHT), Fade
        """, ["self.play(Create(c))"]),
    # a ThreeDScene's camera in a plain Scene: the scene class changes
    "scene_class": ("""
        class S(Scene):
            def construct(self):
                self.set_camera_orientation(phi=60 * DEGREES, theta=-45 * DEGREES)
                self.add(Cube())
        """, ["class S(ThreeDScene):"]),
    # bare math functions
    "bare_math": ("""
        class S(Scene):
            def construct(self):
                graph = FunctionGraph(lambda x: sin(x) + sqrt(abs(x)))
                self.add(graph)
        """, ["np.sin(x)", "np.sqrt("]),
    # a name imported from a manim module it left, under its old name
    "moved_import": ("""
        from manim.mobject.opengl.opengl_surface import ParametricSurface

        class S(ThreeDScene):
            def construct(self):
                self.add(ParametricSurface(lambda u, v: np.array([u, v, 0]), u_range=[0, 1],
                                           v_range=[0, 1]))
        """, ["from manim import Surface as ParametricSurface"]),
    # LaTeX inside an f-string: {bmatrix} is not a Python expression
    "fstring_latex": ("""
        class S(Scene):
            def construct(self):
                a = np.array([[1, 2], [3, 4]])
                self.add(MathTex(f"A = \\begin{bmatrix} {a[0, 0]} & {a[0, 1]} \\\\ {a[1, 0]} & {a[1, 1]} \\end{bmatrix}"))
        """, ["\\begin{{bmatrix}}", "\\end{{bmatrix}}"]),
    # the same mistake made twice: both occurrences cured by one step
    "repeated_kwarg": ("""
        class S(Scene):
            def construct(self):
                def box(w):
                    return Rectangle(width=w, height=1, label="x")
                a = box(1)
                b = box(2).shift(RIGHT)
                self.add(a, b, Rectangle(width=3, height=1, label="y").shift(LEFT))
        """, ["Rectangle(width=w, height=1)", "Rectangle(width=3, height=1)"]),
    # unicode subscripts in text-mode LaTeX
    "latex_subscript": ("""
        class S(Scene):
            def construct(self):
                self.add(Tex("e₁ and e₂"))
        """, ["e$_{1}$ and e$_{2}$"]),
    # a Surface given a height z = f(x, y) where manim wants a point
    "surface_height": ("""
        class S(ThreeDScene):
            def construct(self):
                self.add(Surface(lambda a, b: a * a + b * b, u_range=[-1, 1], v_range=[-1, 1],
                                 resolution=(6, 6)))
        """, ["np.array([a, b, a * a + b * b])"]),
    # unicode in the literal parts of an f-string given to Tex
    "fstring_unicode": ("""
        class S(Scene):
            def construct(self):
                p = 0.25
                self.add(Tex(f"P ≈ {p:.2f}"))
        """, [r"$\\approx$"]),
    # lists used as vectors in arithmetic, literal or through a name
    "list_as_vector": ("""
        class S(Scene):
            def construct(self):
                start = [1, 0, 0]
                self.add(Dot(start * 0.5), Dot([0, 1, 0] * 0.5))
        """, ["start = np.array([1, 0, 0])", "np.array([0, 1, 0]) * 0.5"]),
    # coordinates given to np.array one by one (its second argument is the dtype)
    "array_of_numbers": ("""
        class S(Scene):
            def construct(self):
                v = np.array(1, 2, 0)
                self.add(Arrow(ORIGIN, v))
        """, ["v = np.array([1, 2, 0])"]),
    # an axis by its letter
    "axis_letter": ("""
        class S(Scene):
            def construct(self):
                sq = Square()
                self.play(Rotate(sq, angle=PI / 4, axis=Z))
        """, ["axis=Z_AXIS"]),
    # LaTeX braces in an f-string, one too many: Python refuses the whole file
    "fstring_brace": ("""
        class S(Scene):
            def construct(self):
                a = 1
                self.add(MathTex(f"\\begin{{pmatrix}} {a} & 0 \\\\ 0 & {a} \\end{{pmatrix}}}"))
        """, ["end{{pmatrix}}')"]),
    # a second error behind the first: a keyword, then a position accessor, then a 2-D point
    "second_error": ("""
        class S(Scene):
            def construct(self):
                sq = Square(side_length=2, label="s")
                self.add(sq)
                d = Dot(sq.top_right)
                self.add(d, Dot([0, 1]))
        """, ["get_corner(UR)", "Dot([0, 1, 0])"]),
    # a point numpy computed in 2-D (an eigenvector of a 2x2 matrix); A @ v keeps the 2-D value
    "computed_point_2d": ("""
        class S(Scene):
            def construct(self):
                A = np.array([[2.0, 1.0], [1.0, 2.0]])
                v = np.linalg.eig(A)[1][:, 0]
                w = A @ v
                self.add(Arrow(ORIGIN, v * 2, buff=0), Line(-v, v), Arrow(ORIGIN, w, buff=0))
        """, ["Arrow(ORIGIN, np.append(v, 0) * 2, buff=0)", "Line(-np.append(v, 0), np.append(v, 0))",
              "w = A @ v", "Arrow(ORIGIN, np.append(w, 0), buff=0)"]),
    # a 3-D point unpacked into two names, and a function of the file returning 2-D points
    "unpacked_point": ("""
        class S(Scene):
            def construct(self):
                def shear(p):
                    x, y = p
                    return np.array([x + y, y])
                self.add(Line(shear(LEFT), shear(UP)))
        """, ["x, y = p[:2]", "np.array([x + y, y, 0])"]),
    # coordinates spread over the arguments of a method that takes one point
    "spread_coordinates": ("""
        class S(Scene):
            def construct(self):
                plane = NumberPlane()
                self.add(plane, plane.get_vector(1, 2))
        """, ["plane.get_vector([1, 2])"]),
    # a getter manim does not have, which Mobject's catch-all getter turns into a missing attribute
    "catch_all_getter": ("""
        class S(Scene):
            def construct(self):
                dots = VGroup(Dot(), Dot())

                def fade(mob, dt):
                    for d in mob:
                        d.set_opacity(d.get_opacity() - 0.5 * dt)

                dots.add_updater(fade)
                self.add(dots)
                self.wait(0.2)
                if dots[0].get_opacity() < 1:
                    self.add(Text("faded"))
        """, ["d.set_opacity(d.get_fill_opacity() - 0.5 * dt)", "if dots[0].get_fill_opacity() < 1:"]),
    # one item asked of an accessor that only exists in the plural
    "singular_accessor": ("""
        class S(Scene):
            def construct(self):
                m = Matrix([[1, 2], [3, 4]])
                self.add(m, SurroundingRectangle(m.get_column(1)), SurroundingRectangle(m.get_row(0)))
        """, ["m.get_columns()[1]", "m.get_rows()[0]"]),
    # GrowArrow on a line: grown from its start instead
    "grow_non_arrow": ("""
        class S(Scene):
            def construct(self):
                lines = VGroup(Line(LEFT, RIGHT), Line(DOWN, UP))
                self.play(LaggedStart(*[GrowArrow(m) for m in lines]))
        """, ["GrowFromPoint(m, m.get_start())"]),
    # text-mode LaTeX holding a matrix, an unmatched \( and a lone $ (f-strings with nothing to format)
    "latex_text_mode": ("""
        class S(Scene):
            def construct(self):
                a = Tex(r"A = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}")
                b = Tex(f"Test +\\\\(True Positive)", font_size=24)
                c = Tex(f"Test $-\\\\(False Negative)", font_size=24)
                n = 2
                d = Tex(f"B = \\\\begin{{bmatrix}} {n} & 0 \\\\\\\\ 0 & {n} \\\\end{{bmatrix}}")
                self.add(a, b, c, d)
        """, ["Tex('$A = \\\\begin{bmatrix}", "Tex('Test +(True Positive)'", "Tex('Test \\\\$-(False Negative)'",
              "Tex(f'$B = \\\\begin{{bmatrix}} {n} & 0"]),
    # keywords passed through a dict: renamed where the callee has a documented name, else dropped
    "splatted_kwargs": ("""
        class S(Scene):
            def construct(self):
                kw = dict(font_size=48, t2c={"A": BLUE})
                style = dict(color=RED, glow=2)
                self.add(MathTex("A^2 + B^2", **kw), Square(**style))
                kw = dict(run_time=0.2)
                self.play(FadeIn(Dot()), **kw)
        """, ["kw = dict(font_size=48, tex_to_color_map={'A': BLUE})", "style = dict(color=RED)",
              "kw = dict(run_time=0.2)"]),
    # a Community ThreeDScene moved with ManimGL's camera-frame API
    "three_d_camera_frame": ("""
        class S(ThreeDScene):
            def construct(self):
                title = Text("Cube")
                title.fix_in_frame()
                cube = Cube()
                self.add(cube, title)
                self.play(self.camera.frame.animate.move_to(cube).set_width(6), FadeIn(Dot()), run_time=0.2)
                self.camera.set_euler_angles(theta=30 * DEGREES, phi=60 * DEGREES)
                self.play(self.camera.animate.set_zoom(1.5), run_time=0.2)
        """, ["add_fixed_in_frame_mobjects(title)",
              "self.move_camera(frame_center=cube, zoom=config.frame_width / 6, added_anims=[FadeIn(Dot())], run_time=0.2)",
              "self.set_camera_orientation(theta=30 * DEGREES - PI / 2, phi=60 * DEGREES)",
              "self.move_camera(zoom=1.5, run_time=0.2)"]),
    # one coordinate of the frame's centre set (GL frame.set_z): the others are kept
    "three_d_camera_frame_coordinate": ("""
        class S(ThreeDScene):
            def construct(self):
                pole = np.array([0, 0, 2])
                self.add(Sphere(radius=0.5))
                self.play(self.camera.frame.animate.move_to(pole).set_z(1), run_time=0.2)
        """, ["self.move_camera(frame_center=pole * [1, 1, 0] + 1 * OUT, run_time=0.2)"]),
    # several camera chains in one play(), one of them not even .animate: one camera move
    "three_d_camera_chains_in_one_play": ("""
        class S(ThreeDScene):
            def construct(self):
                self.add(Cube())
                self.play(self.camera.set_x(0), self.camera.animate.set_euler_angles(phi=60 * DEGREES),
                          FadeIn(Dot()), run_time=0.2)
        """, ["self.move_camera(frame_center=self.camera.frame_center * [0, 1, 1] + 0 * RIGHT, "
              "phi=60 * DEGREES, added_anims=[FadeIn(Dot())], run_time=0.2)"]),
    # a part of a formula looked up that was never isolated (get_part_by_tex gives None)
    "tex_part_never_isolated": ("""
        class S(Scene):
            def construct(self):
                eq = MathTex(r"E = m c^2", font_size=40)
                eq.set_color_by_tex("E", BLUE)
                self.add(eq)
                arrow = Arrow(ORIGIN, eq.get_part_by_tex("m").get_bottom())
                self.play(Create(arrow), run_time=0.2)
        """, ["substrings_to_isolate=['E', 'm']"]),
    # a mobject used as the point where it is (mobject + vector, vector - mobject)
    "mobject_as_point": ("""
        class S(Scene):
            def construct(self):
                block = Square(side_length=1).shift(LEFT)
                arrow = Arrow(ORIGIN, RIGHT)
                self.add(block, arrow)
                self.play(block.animate.move_to(block + RIGHT * 2), run_time=0.2)
                arrow.put_start_and_end_on(UP * 2 - block, block + UP)
        """, ["block.animate.move_to(block.get_center() + RIGHT * 2)",
              "arrow.put_start_and_end_on(UP * 2 - block.get_center(), block.get_center() + UP)"]),
    # MoveToTarget on a mobject moved in place (no generate_target): the move goes to a target
    "move_to_target_without_target": ("""
        class S(Scene):
            def construct(self):
                box = Square()
                self.add(box)
                for x in range(2):
                    box.move_to(RIGHT * x).set_color(RED)
                    self.play(MoveToTarget(box), run_time=0.2)
        """, ["box.generate_target()\n            box.target.move_to(RIGHT * x).set_color(RED)"]),
    # a helper's parameters used as vectors while its callers pass lists
    "list_parameter_as_vector": ("""
        def zigzag(start, end, n=6):
            \"\"\"A zigzag from start to end.\"\"\"
            points = []
            for i in range(n + 1):
                p = interpolate(start, end, i / n)
                points.append(p + (UP if i % 2 else DOWN) * 0.2)
            return VMobject().set_points_as_corners(points)

        class S(Scene):
            def construct(self):
                self.add(zigzag(start=[-2, 0, 0], end=[2, 0, 0]))
        """, ['    """A zigzag from start to end."""\n    start = np.asarray(start, dtype=float)']),
    # points cut to the plane (u[:2]) next to 3-D ones: vertices of mixed lengths
    "point_cut_to_2d": ("""
        class S(Scene):
            def construct(self):
                u, v = np.array([2, 0, 0]), np.array([1, 1, 0])
                self.add(Polygon([0, 0, 0], u[:2], (u + v)[:2], v[:2]))
        """, ["Polygon([0, 0, 0], np.append(u[:2], 0), np.append((u + v)[:2], 0), np.append(v[:2], 0))"]),
    # a point of a surface at (u, v) asked for under an invented name: a Surface's func
    "surface_point_by_invented_name": ("""
        class S(ThreeDScene):
            def construct(self):
                globe = Sphere(radius=2, resolution=(8, 8))
                pin = Dot3D(globe.point_on_sphere_at(PI / 4, PI / 3))
                pole = Dot3D(globe.point_on_sphere_at([0, 0]))
                self.add(globe, pin, pole)
        """, ["Dot3D(globe.func(PI / 4, PI / 3))", "Dot3D(globe.func(0, 0))"]),
    # a setter manim's catch-all made up, called with more than one value: dropped
    "made_up_setter": ("""
        class S(Scene):
            def construct(self):
                square = Square().set_fill(BLUE, opacity=0.5)
                square.set_caption("Area = 1", font_size=24)
                axes = Axes().set_axis_orientations(UP, RIGHT).shift(DOWN)
                self.add(square, axes)
        """, ['# fix: dropped `square.set_caption("Area = 1", font_size=24)`',
              "axes = Axes().shift(DOWN)"]),
    # LaTeX in an f-string that does not compile in text mode: shown as plain text, values kept
    "latex_fstring_as_text": ("""
        class S(Scene):
            def construct(self):
                a, b = 1.5, 2.25
                self.add(Tex(f"product: {a:.2f} \\\\cdot {b:.2f} \\\\approx {a * b:.1f}"))
        """, ["Text(f'product: {a:.2f} ·{b:.2f} ≈{a * b:.1f}')"]),
    # a scene method that plays by itself, passed to self.play with other animations
    "scene_call_inside_play": ("""
        class S(LinearTransformationScene):
            def construct(self):
                note = Text("shear").to_corner(UL)
                self.add(note)
                self.play(self.apply_matrix([[1, 1], [0, 1]]), FadeOut(note), run_time=0.5)
        """, ["self.apply_matrix([[1, 1], [0, 1]], added_anims=[FadeOut(note)], run_time=0.5)"]),
    # 2-D vectors that a 2x2 matrix multiplies, used as vertices: padded where used, not made
    "matrix_times_2d_vector": ("""
        class S(Scene):
            def construct(self):
                u = np.array([1, 0])
                v = np.array([0, 1])
                A = np.array([[2, 1], [1, 3]])
                before = Polygon([0, 0], u, u + v, v)
                after = Polygon([0, 0], A @ u, A @ u + A @ v, A @ v)
                self.add(before, after)
        """, ["u = np.array([1, 0])", "np.append(A @ u, 0) + np.append(A @ v, 0)",
              "Polygon([0, 0, 0], np.append(u, 0)"]),
    # a name manim has in a module its star import does not export (3b1b's X_COLOR)
    "manim_name_not_exported": ("""
        class S(Scene):
            def construct(self):
                self.add(Arrow(ORIGIN, RIGHT, color=X_COLOR), Arrow(ORIGIN, UP, color=Y_COLOR))
        """, ["from manim.scene.vector_space_scene import X_COLOR"]),
    # the graph of a function under Graph's name (a network of vertices and edges in Community),
    # and a MoveToTarget with nothing to move to, in two places
    "graph_of_a_function": ("""
        class S(Scene):
            def construct(self):
                f = lambda x: x ** 2 / 4
                curve = Graph(f, x_min=-3, x_max=3, y_min=-1, y_max=3, color=BLUE)
                other = Axes().plot_line_graph(lambda x: x / 2, color=GREEN)
                self.play(Create(curve), Create(other), run_time=0.2)
                for _ in range(2):
                    self.play(MoveToTarget(curve, run_time=0.1))
                self.play(MoveToTarget(curve, run_time=0.1))
        """, ["curve = FunctionGraph(f, color=BLUE, x_range=[-3, 3])",
              "other = Axes().plot(lambda x: x / 2, color=GREEN)",
              "self.play(Animation(curve, run_time=0.1))\n        self.play(Animation(curve, run_time=0.1))"]),
    # MoveToTarget given the place to go (it takes only the mobject, whose target is set before)
    "move_to_target_with_a_place": ("""
        class S(Scene):
            def construct(self):
                dot = Dot()
                place = Axes().c2p(1, 1)
                self.add(dot)
                self.play(MoveToTarget(dot, place, run_time=0.2))
        """, ["self.play(dot.animate(run_time=0.2).move_to(place))"]),
    # an updater animation given the function before the mobject
    "swapped_updater_arguments": ("""
        class S(Scene):
            def construct(self):
                label = Text("0")
                self.add(label)
                self.play(UpdateFromFunc(lambda m, dt: m.set_opacity(0.5), label), run_time=0.2)
        """, ["UpdateFromAlphaFunc(label, lambda m, dt: m.set_opacity(0.5))"]),
    # a scene updater written with a mobject's signature (mob, dt)
    "scene_updater_with_a_spare_parameter": ("""
        class S(Scene):
            def construct(self):
                dot = Dot()
                self.add(dot)

                def drift(mob, dt):
                    dot.shift(RIGHT * dt)

                self.add_updater(drift)
                self.wait(0.2)
        """, ["self.add_updater(lambda dt: drift(None, dt))"]),
    # a bracket left open mid-file: a call not closed before its list, a line one ')' short
    "unbalanced_brackets": ("""
        class S(Scene):
            def construct(self):
                axes = Axes()
                points = [axes.c2p(0, 0), axes.c2p(1, abs(-2)]
                dot = Dot().move_to(axes.c2p(np.sqrt(abs(-4)), np.sqrt(1))
                self.add(axes, dot, *[Dot(p) for p in points])
        """, ["points = [axes.c2p(0, 0), axes.c2p(1, abs(-2))]",
              "dot = Dot().move_to(axes.c2p(np.sqrt(abs(-4)), np.sqrt(1)))"]),
    # unicode maths in several Tex calls: all replaced in one step
    "unicode_in_several_tex": ("""
        class S(Scene):
            def construct(self):
                a = Tex("m₁ v₁ = m₂ v₂")
                b = MathTex("E = ½ m v²")
                c = Tex("θ ≈ √2")
                self.add(VGroup(a, b, c).arrange(DOWN))
        """, ["$_{1}$", "\\\\frac{1}{2}", "$\\\\surd$"]),
    # an updater animation under a name manim lacks: the function's parameters choose it
    "invented_updater_animation": ("""
        class S(Scene):
            def construct(self):
                label, dot = DecimalNumber(0), Dot()
                def grow(mob, alpha):
                    mob.set_value(alpha)
                self.add(label, dot)
                self.play(Update(label, updater=grow, run_time=0.5), Update(dot, lambda m: m.shift(RIGHT * 0.01)))
        """, ["UpdateFromAlphaFunc(label, grow, run_time=0.5)",
              "UpdateFromFunc(dot, lambda m: m.shift(RIGHT * 0.01))"]),
    # a Transform into a function of the mobject: what the function does, animated
    "transform_into_function": ("""
        class S(Scene):
            def construct(self):
                square = Square()
                def spin(mob, alpha):
                    mob.set_opacity(1 - alpha / 2)
                def bigger(mob):
                    return mob.scale(2)
                self.add(square)
                self.play(Transform(square, spin), run_time=0.5)
                self.play(ReplacementTransform(square, bigger), run_time=0.5)
        """, ["self.play(UpdateFromAlphaFunc(square, spin), run_time=0.5)",
              "self.play(ApplyFunction(bigger, square), run_time=0.5)"]),
    # a style dict with a key the callee passes itself: moved to the callee's own keyword
    "style_key_given_twice": ("""
        class S(Scene):
            def construct(self):
                axes = Axes(x_range=[0, 3], y_range=[0, 3])
                graph = axes.plot_line_graph(x_values=[0, 1, 2], y_values=[1, 2, 1],
                                             vertex_dot_style={"fill_color": YELLOW, "radius": 0.05})
                self.add(axes, graph)
        """, ["vertex_dot_style={'fill_color': YELLOW}, vertex_dot_radius=0.05"]),
    # a Matrix mobject used as numbers: the values it was made from, where numbers are read
    "matrix_mobject_as_numbers": ("""
        class S(Scene):
            def construct(self):
                A = Matrix([[2, 1], [1, 1]]).set_color(GREEN)
                plane = NumberPlane()
                self.add(plane, A.to_corner(UL))
                self.play(plane.animate.apply_matrix(A), run_time=0.5)
                v = A @ np.array([1, 0])
                self.add(Dot(np.append(v, 0)))
        """, ["plane.animate.apply_matrix(np.array([[2, 1], [1, 1]]))",
              "v = np.array([[2, 1], [1, 1]]) @ np.array([1, 0])", "self.add(plane, A.to_corner(UL))"]),
    # old manim's play(method, args, method, args, ...): one animation per method
    "play_method_groups": ("""
        class S(Scene):
            def construct(self):
                a, b = Square(), Circle()
                self.play(a.shift, LEFT, b.scale, 0.5, FadeIn(Dot()), run_time=0.5)
        """, ["self.play(a.animate.shift(LEFT), b.animate.scale(0.5), FadeIn(Dot()), run_time=0.5)"]),
    # statements sharing a line (`;`, a body after its header's `:`): a fix to one must not
    # lose the others
    "statements_on_one_line": ("""
        class S(Scene):
            def construct(self):
                sq = Square(); self.play(ShowCreation(sq), run_time=0.5); self.wait(0.1)
                for i in range(2): d = Dot(); self.play(FadeInFrom(d, LEFT), run_time=0.2)
        """, ["        sq = Square()\n        self.play(Create(sq), run_time=0.5)\n        self.wait(0.1)",
              "        for i in range(2):\n            d = Dot()\n            self.play(FadeIn(d, shift=LEFT)"]),
    # an invented module path, and classes reached through a base as if nested in it
    "invented_module_and_nested_classes": ("""
        from manim.objects.polyhedron import Polyhedron

        class S(ThreeDScene):
            def construct(self):
                solids = [Polyhedron.Tetrahedron(), Polyhedron.Cube(side_length=1)]
                self.add(*solids)
        """, ["from manim import Polyhedron", "solids = [Tetrahedron(), Cube(side_length=1)]"]),
    # a colour named as people name it: manim has it among the xkcd colours
    "xkcd_colour": ("""
        class S(Scene):
            def construct(self):
                self.add(Square(color=BLUE_GREY), Circle(color=DUSTY_ROSE))
        """, ["Square(color=XKCD.BLUEGREY)", "Circle(color=XKCD.DUSTYROSE)"]),
    # the parts looked up through a helper's parameter, on a formula kept on self
    "tex_part_through_a_parameter": ("""
        class S(Scene):
            def construct(self):
                self.eq = MathTex("f(x) = ax^2 + bx + c")
                def mark(part, color):
                    return self.eq.get_part_by_tex(part).animate.set_color(color)
                self.add(self.eq)
                self.play(mark("a", RED), run_time=0.2)
                self.play(mark("b", BLUE), run_time=0.2)
        """, ["MathTex('f(x) = ax^2 + bx + c', substrings_to_isolate=['a', 'b'])"]),
    # a point used as another library's vector object
    "point_as_vector_object": ("""
        class S(Scene):
            def construct(self):
                A = LEFT * 2
                B = RIGHT + UP
                side = A.distance(B)
                d = Dot(B).shift(A.normalize() * side / 4)
                self.add(d, Line(A, B), Text(f"{B.x:.1f}"))
        """, ["side = np.linalg.norm(B - A)", "normalize(A)", "f'{B[0]:.1f}'"]),
    # old manim's x_min=/x_max= on a plotting method
    "method_min_max": ("""
        class S(Scene):
            def construct(self):
                axes = Axes(x_range=[0, 5], y_range=[0, 10])
                self.add(axes, axes.plot(lambda x: x ** 2, x_min=0, x_max=3))
        """, ["axes.plot(lambda x: x ** 2, x_range=[0, 3])"]),
    # invented names for the parameters a constructor requires, in their order
    "required_by_position": ("""
        class S(Scene):
            def construct(self):
                curve = CubicBezier(start_point=LEFT, control1=UP, control2=UP + RIGHT, end_point=RIGHT)
                self.add(curve)
        """, ["CubicBezier(start_anchor=LEFT, start_handle=UP, end_handle=UP + RIGHT, end_anchor=RIGHT)"]),
    # an animation's run_time given to the animated method
    "animate_method_run_time": ("""
        class S(Scene):
            def construct(self):
                a, b = Square(), Circle()
                self.play(a.animate.rotate(PI / 2, run_time=0.3), b.animate.shift(UP).scale(2, run_time=0.2))
        """, ["a.animate(run_time=0.3).rotate(PI / 2)", "b.animate(run_time=0.2).shift(UP).scale(2)"]),
    # 2-D points of mobjects made inside a group's arguments (the group's own lists are none)
    "point_2d_in_a_group": ("""
        class S(Scene):
            def construct(self):
                dots = VGroup(*[Dot([i, 0]) for i in range(3)])
                self.add(dots)
                self.play(dots.animate.arrange(RIGHT, buff=0.5), run_time=0.2)
        """, ["dots = VGroup(*[Dot([i, 0, 0]) for i in range(3)])"]),
    # names from other animation tools and from ManimGL
    "easing_and_gl_sizes": ("""
        class S(Scene):
            def construct(self):
                s = Square()
                s.set_height(2, stretch=True)
                s.add_updater(lambda m, dt: m.rotate(dt))
                self.add(s)
                self.play(s.animate.shift(UP), rate_func=ease_in_out, run_time=0.2)
                self.play(s.animate.shift(DOWN), rate_func=ease_in_quad, run_time=0.2)
                s.remove_updaters()
        """, ["rate_func=rate_functions.ease_in_out_sine", "from manim.utils.rate_functions import ease_in_quad",
              "s.stretch_to_fit_height(2)", "s.clear_updaters()"]),
    # ManimGL's keyword names in Community code, and its interactive shell
    "gl_keywords_and_embed": ("""
        class S(Scene):
            def construct(self):
                axes = Axes((-3, 3), (-2, 2), width=6, height=4)
                eq = Tex("a + b = c", t2c={"a": RED})
                self.add(axes, eq, NumberLine((-3, 3), width=5))
                self.wait(0.1)
                self.embed()
        """, ["Axes((-3, 3), (-2, 2), x_length=6, y_length=4)", "tex_to_color_map={'a': RED}",
              "NumberLine((-3, 3), length=5)", "# self.embed()  # an interactive shell"]),
    # a LaTeX command from a package manim's template does not load (inside align*, where
    # LaTeX's log names no command)
    "latex_package": ("""
        class S(Scene):
            def construct(self):
                self.add(MathTex(r"\\frac{\\cancel{x} y}{\\cancel{x}} = y"))
        """, ['config.tex_template.add_to_preamble(r"\\usepackage{cancel}")',
              'MathTex(r"\\frac{\\cancel{x} y}{\\cancel{x}} = y")']),  # as written
    # a keyword the class passes on itself (Sector gives AnnularSector outer_radius=radius)
    "keyword_given_twice": ("""
        class S(Scene):
            def construct(self):
                self.add(Sector(outer_radius=2, angle=PI / 3), Sector(radius=1, outer_radius=1))
        """, ["Sector(radius=2, angle=PI / 3)", "Sector(radius=1)"]),
    # mathematics in the prose of a Tex: only the mathematics goes in $...$
    "latex_math_in_prose": ("""
        class S(Scene):
            def construct(self):
                self.add(Tex(r"The set \\mathbb{R} holds x^2 + y^2 for my_var"))
        """, ["Tex('The set $\\\\mathbb{R}$ holds $x^2 + y^2$ for my\\\\_var')"]),
    # one animation given several mobjects (its second argument is a setting)
    "animation_of_several_mobjects": ("""
        class S(Scene):
            def construct(self):
                title, sub = Text("a"), Text("b")
                self.play(Write(title, sub), run_time=0.2)
                a, b = Circle(), Square()
                anim = Create(a, b, run_time=0.2)
                self.play(anim)
                self.play(Transform(a, b), run_time=0.2)
        """, ["self.play(Write(title), Write(sub), run_time=0.2)",
              "anim = AnimationGroup(Create(a, run_time=0.2), Create(b, run_time=0.2))",
              "self.play(Transform(a, b), run_time=0.2)"]),
    # a play with nothing to play, a wait or run time of no time: skipped, or one frame
    "empty_play_and_no_time": ("""
        class S(Scene):
            def construct(self):
                anims = [FadeIn(Dot()) for i in range(3) if i > 5]
                self.play(*anims)
                self.play(*[FadeOut(m) for m in self.mobjects])
                self.play()
                spent = 1
                self.wait(1 - spent)
                self.wait(0)
                self.play(FadeIn(Square(), run_time=spent - 1))
        """, ["if anims:\n            self.play(*anims)",
              "if (to_play := [*[FadeOut(m) for m in self.mobjects]]):\n            self.play(*to_play)",
              "# self.play()  # nothing to play", "self.wait(max(1 - spent, 1 / config.frame_rate))",
              "# self.wait(0)", "FadeIn(Square(), run_time=max(spent - 1, 1 / config.frame_rate))"]),
    # numbers where manim wants text, label strings where it wants mobjects
    "numbers_as_text": ("""
        class S(Scene):
            def construct(self):
                for i, v in enumerate([1, 2.5]):
                    self.add(Text(v, font_size=24).shift(DOWN * i))
                self.add(Paragraph(1, "b"), Table([[1, 2.5], ["a", f"{3}"]], col_labels=["x", "y"]))
                rows = [[1, 2], [3, 4]]
                self.add(Table(rows))
        """, ["Text(str(v), font_size=24)", "Paragraph('1', 'b')",
              "Table([['1', '2.5'], ['a', f'{3}']], col_labels=[Text('x'), Text('y')])",
              "Table([[str(cell) for cell in row] for row in rows])"]),
    # a list of points given as one argument to a class that takes each point as its own
    "point_list_as_one_argument": ("""
        class S(Scene):
            def construct(self):
                corners = [np.array([0, 0, 0]), np.array([2, 0, 0]), np.array([1, 1, 0])]
                self.add(Polygon(corners, color=BLUE), Polygon([[0, 0, 0], [1, 0, 0], [0, 1, 0]]))
                self.add(Polygon([0, 0, 0], [1, 0, 0], [0, 1, 0]))
        """, ["Polygon(*corners, color=BLUE)", "Polygon([0, 0, 0], [1, 0, 0], [0, 1, 0]))",
              "self.add(Polygon([0, 0, 0], [1, 0, 0], [0, 1, 0]))"]),
    # a random 2-D vector drawn where a point is given
    "random_pair_as_point": ("""
        class S(Scene):
            def construct(self):
                balls = VGroup(*[Dot(color=c).shift(2 * np.random.random_sample(2) - 1) for c in [BLUE, RED]])
                self.add(balls, Dot().move_to(np.random.uniform(-3, 3, size=(2,))), Dot(np.random.rand(3)))
        """, [".shift(np.append(2 * np.random.random_sample(2) - 1, 0))",
              ".move_to(np.append(np.random.uniform(-3, 3, size=(2,)), 0))", "Dot(np.random.rand(3))"]),
    # ManimGL's formula indexed by its text: the lookup by tex, the part isolated
    "formula_indexed_by_text": ("""
        class S(Scene):
            def construct(self):
                eq = MathTex(r"a^2 + b^2 = c^2")
                self.add(eq)
                eq["c^2"].set_color(RED)
                self.play(Indicate(eq["a^2"]), run_time=0.2)
        """, ["eq = MathTex('a^2 + b^2 = c^2', substrings_to_isolate=['c^2', 'a^2'])",
              "eq.get_part", "_by_tex('c^2').set_color(RED)"]),
    # coordinates given to a complex plane's n2p, which takes a complex number
    "coordinates_to_a_complex_plane": ("""
        class S(Scene):
            def construct(self):
                plane = ComplexPlane()
                self.add(plane, Dot(plane.n2p([-1, 0, 0])), Dot(plane.n2p(1 + 1j)))
        """, ["Dot(plane.c2p(-1, 0))", "Dot(plane.n2p(1 + 1j))"]),
    # a colour given by position to a class that takes its mobjects by position
    "colour_by_position": ("""
        class S(Scene):
            def construct(self):
                t = Text("hi")
                self.add(t, SurroundingRectangle(t, YELLOW, buff=0.2), BackgroundRectangle(t, XKCD.NAVY))
        """, ["SurroundingRectangle(t, buff=0.2, color=YELLOW)", "BackgroundRectangle(t, color=XKCD.NAVY)"]),
    # the camera's state read off the scene, and a lookup manim renamed, on a formula whose
    # type the gate cannot tell (a helper made it)
    "camera_state_and_renamed_lookup": ("""
        class S(ThreeDScene):
            def build(self):
                return MathTex(r"a + \\psi", substrings_to_isolate=[r"\\psi"])

            def construct(self):
                eq = self.build()
                self.add_fixed_in_frame_mobjects(eq)
                if eq in self.fixed_in_frame_mobjects:
                    eq.get_parts_by_tex(r"\\psi").set_color(RED)
        """, ["if eq in self.camera.fixed_in_frame_mobjects:", "eq.get_part_by_tex("]),
    # a list of mobjects given where manim takes them one by one, or animates one
    "list_of_mobjects": ("""
        class S(Scene):
            def construct(self):
                parts = [Circle(), Square().shift(RIGHT)]
                self.play(Create(parts), run_time=0.2)
                self.play(FadeOut(parts), run_time=0.2)
                dots = [Dot(), Dot(UP)]
                self.add(dots, Circle())
                self.remove([dots[0]])
                self.play(Write([Text("a"), Text("b")]), run_time=0.2)
        """, ["Create(VGroup(*parts))", "FadeOut(*parts)", "self.add(*dots, Circle())",
              "self.remove(dots[0])", "Write(VGroup(Text('a'), Text('b')))"]),
    # a grid too small for its group (int(sqrt(n)) squared < n): the columns left to manim
    "grid_too_small": ("""
        class S(Scene):
            def construct(self):
                n = 10
                g = VGroup(*[Dot() for _ in range(n)]).arrange_in_grid(int(np.sqrt(n)), int(np.sqrt(n)), buff=0.1)
                self.add(g)
        """, ["arrange_in_grid(int(np.sqrt(n)), buff=0.1)"]),
    # the base class that draws nothing, called with the keywords of the one that draws
    "vector_field_base": ("""
        class S(Scene):
            def construct(self):
                self.add(VectorField(lambda p: np.array([-p[1], p[0], 0]), x_range=[-2, 2], y_range=[-1, 1]))
        """, ["ArrowVectorField(lambda p: np.array([-p[1], p[0], 0]), x_range=[-2, 2], y_range=[-1, 1])"]),
    # letters beyond ASCII in a formula's text: the T1 encoding has them, the words stay
    "accented_letters_in_a_formula": ("""
        class S(Scene):
            def construct(self):
                self.add(MathTex(r"\\text{Gęstość} = \\frac{m}{V}"))
        """, ['config.tex_template.add_to_preamble(r"\\usepackage[T1]{fontenc}")',
              "MathTex(r\"\\text{Gęstość} = \\frac{m}{V}\")"]),
    # keywords a method does not take: the gap as CSS names it, a word of the method's name
    # repeated, an invented name for its one required parameter or for its *args; a rate
    # function called instead of given
    "method_keywords": ("""
        class S(Scene):
            def construct(self):
                a, b = Square(), Circle()
                a.set_fill(fill_color=BLUE, fill_opacity=0.5)
                b.next_to(a, direction=RIGHT, buffer=0.5)
                g = VGroup(a, b).arrange(RIGHT, spacing=0.3)
                a.scale(factor=2)
                a.shift(vector=UP)
                self.play(g.animate.shift(DOWN), rate_func=smooth(), run_time=0.2)
        """, ["a.set_fill(color=BLUE, opacity=0.5)", "b.next_to(a, direction=RIGHT, buff=0.5)",
              "arrange(RIGHT, buff=0.3)", "a.scale(scale_factor=2)", "a.shift(UP)", "rate_func=smooth,"]),
    # keyword names of older Manim Community versions, a fade's direction, and a keyword the
    # animation sets itself (GrowFromCenter passes point= on)
    "older_keyword_names": ("""
        class S(Scene):
            def construct(self):
                ax = Axes(x_range=[0, 5], y_range=[0, 5], number_line_config={"include_tip": False})
                d = DashedLine(LEFT, RIGHT, positive_space_ratio=0.5)
                n = DecimalNumber(3.14159, num_decimal_points=3)
                self.add(ax, d, n)
                s = Square()
                self.play(FadeIn(s, direction=UP), run_time=0.2)
                self.play(GrowFromCenter(Circle(), point=ORIGIN), run_time=0.2)
        """, ["axis_config={'include_tip': False}", "dashed_ratio=0.5", "num_decimal_places=3",
              "FadeIn(s, shift=UP)", "GrowFromCenter(Circle())"]),
    # move_camera played inside a play, next to an animation whose second argument is a
    # mobject by its signature (a path), which must not be split into one per mobject
    "move_camera_in_play_beside_a_path": ("""
        class S(ThreeDScene):
            def construct(self):
                path = Circle()
                dot = Dot()
                self.play(MoveAlongPath(dot, path, run_time=0.2), self.move_camera(phi=PI / 4, run_time=0.2))
        """, ["MoveAlongPath(dot, path, run_time=0.2)", "added_anims=["]),
    # a narrated scene written for the manim-voiceover plugin, whose import the sandbox refuses
    "voiceover_plugin": ("""
        from manim_voiceover import VoiceoverScene
        from manim_voiceover.services.azure import AzureService as Voice

        class S(VoiceoverScene):
            def construct(self):
                self.set_speech_service(Voice(voice="en-US-AriaNeural"))
                with self.voiceover(text="Hi.") as tracker:
                    self.play(Create(Circle()), run_time=tracker.duration / 4)
        """, ["from code2video_jupyter.scaffold.voiceover import VoiceoverScene",
              "from code2video_jupyter.scaffold.voiceover import SpeechService as Voice"]),
    # the same scene whose speech service is the app's own module, which is not here
    "voiceover_own_service": ("""
        from manim_voiceover import VoiceoverScene
        from tts.kokoro import KokoroService

        class S(VoiceoverScene):
            def construct(self):
                self.set_speech_service(KokoroService(model_path="kokoro.onnx", voice="af"))
                with self.voiceover(text="Hi.") as tracker:
                    self.play(Create(Circle()), run_time=tracker.duration / 4)
        """, ["from code2video_jupyter.scaffold.voiceover import SpeechService as KokoroService"]),
    # its speech service made by the app's own factory, and a moving camera beside it
    "voiceover_service_factory": ("""
        from manim_voiceover import VoiceoverScene
        from src.utils.voice import get_speech_service

        class S(VoiceoverScene, MovingCameraScene):
            def construct(self):
                self.set_speech_service(get_speech_service())
                with self.voiceover(text="Hi.") as tracker:
                    self.play(self.camera.frame.animate.scale(0.8), run_time=tracker.duration / 4)
        """, ["from code2video_jupyter.scaffold.voiceover import SpeechService as get_speech_service"]),
    # the plugin's fork (manim-voiceover-plus), with the scene patching its speech service
    "voiceover_plus_fork": ("""
        import manim_voiceover_plus.services.base as base
        from manim_voiceover_plus import VoiceoverScene
        from manim_voiceover_plus.services.gtts import GTTSService

        original = base.SpeechService.set_transcription

        def no_whisper(self, model=None, kwargs=None):
            original(self, model=None, kwargs=kwargs)

        base.SpeechService.set_transcription = no_whisper

        class S(VoiceoverScene):
            def construct(self):
                self.set_speech_service(GTTSService())
                with self.voiceover(text="Hi.") as tracker:
                    self.play(Create(Circle()), run_time=tracker.duration / 4)
        """, ["import code2video_jupyter.scaffold.voiceover as base",
              "from code2video_jupyter.scaffold.voiceover import SpeechService as GTTSService"]),
    # an app pasted the model's whole answer into its template's construct: the star import
    # Python allows only at the top, and a scene defined there and never played
    "scene_pasted_into_construct": ("""
        class Lesson(Scene):
            def construct(self):
                from manim import *
                import numpy as np

                class Answer(Scene):
                    def construct(self):
                        self.play(Create(Circle(radius=np.sqrt(2))), run_time=0.1)
        """, ["class Answer(Scene):\n    def construct(self):\n        self.play(Create(",
              "class Lesson(Answer):\n    pass", "import numpy as np"]),
    # an angle given by three points where manim's Angle takes two lines
    "angle_from_three_points": ("""
        class S(Scene):
            def construct(self):
                c = Circle()
                a = Angle(c.get_top(), c.get_center(), c.get_right(), radius=0.3, color=RED)
                self.add(c, a)
        """, ["Angle.from_three_points(c.get_top(), c.get_center(), c.get_right(), radius=0.3, color=RED)"]),
    # a LaTeX table written across lines in single quotes: Python refuses the whole file
    "string_across_lines": ("""
        class S(Scene):
            def construct(self):
                t = MathTex(r"\\begin{array}{cc}
                a & b \\\\
                \\end{array}", font_size=30)
                u = MathTex(r"\\begin{array}{c}
                c
                \\end{array}")
                self.add(t, u, Text("it's here"))
        """, ['t = MathTex(r"""\\begin{array}{cc}', '\\end{array}""", font_size=30)',
              'u = MathTex(r"""\\begin{array}{c}']),
    # the scene defined inside the file's `if __name__ == "__main__":`, which manim never runs
    "scene_under_main_guard": ("""
        if __name__ == "__main__":

            # the whole answer, under the guard
            class Shown(Scene):
                def construct(self):
                    self.play(Create(Circle()))
        """, ["\nclass Shown(Scene):\n    def construct(self):\n        self.play(Create(Circle()))",
              "# the whole answer, under the guard"]),
    "scene_and_launcher_under_main_guard": ("""
        if __name__ == "__main__":
            from math import tau

            def radius():
                return tau / 6

            class Shown(Scene):
                def construct(self):
                    self.play(Create(Circle(radius=radius())))

            config.quality = "low_quality"
            Shown().render()
        """, ["from math import tau\n\ndef radius():", "\nclass Shown(Scene):\n",
              'if __name__ == "__main__":\n    config.quality = "low_quality"\n    Shown().render()']),
    # a slip on a name manim renamed long ago: the new name of the old one it is closest to
    "slip_on_an_old_name": ("""
        class S(Scene):
            def construct(self):
                dot = Dot()
                self.play(CircleIndicator(dot, color=YELLOW))
        """, ["self.play(Circumscribe(dot, color=YELLOW))"]),
    # a mobject's method on an animation: the colour the animation takes
    "colour_set_on_an_animation": ("""
        class S(Scene):
            def construct(self):
                dot = Dot()
                self.play(Indicate(dot).set_color(RED))
                self.play(CircleIndicator(dot).set_color(GREEN))
        """, ["self.play(Indicate(dot, color=RED))", "self.play(Circumscribe(dot, color=GREEN))"]),
    # ManimGL's tex.make_number_changeable: the part (isolated, a bare exponent braced so that it
    # can be) becomes a DecimalNumber in the formula
    "number_made_changeable_in_a_formula": ("""
        class S(Scene):
            def construct(self):
                label = MathTex("x^2 = 1.00")
                value = label.make_number_changeable("1.00")
                squares = label.make_number_changeable("2", replace_all=True)
                self.add(label)
                self.play(ChangeDecimalToValue(value, 4), *(ChangeDecimalToValue(s, 3) for s in squares))
        """, ["value = changeable_number(label, '1.00')", "squares = changeable_number(label, '2', replace_all=True)",
              "MathTex('x^{2} = 1.00', substrings_to_isolate=['1.00', '2'])"]),
    # ManimGL's formula[...] with parts that cannot be isolated (one inside another) and a
    # pattern: found by counting symbols, as ManimGL finds them
    "formula_parts_that_cannot_be_isolated": ("""
        import re

        class S(Scene):
            def construct(self):
                equation = MathTex(r"e^{\\pi i} = -1")
                self.add(equation)
                self.play(equation["e"].animate.set_color(BLUE), equation[r"e^{\\pi i}"].animate.scale(1.2))
                self.play(*(FadeOut(p) for p in equation[re.compile(r"-\\d")]))
        """, ["substrings_to_isolate=['e']", "formula_part(equation, 'e^{\\\\pi i}').animate.scale(1.2)",
              "formula_part(equation, re.compile('-\\\\d'))",
              "from code2video_jupyter.scaffold.mathtext import formula_part"]),
    # a method's result played, one for each element of a list: each change animated
    "method_results_played_from_a_list": ("""
        class S(Scene):
            def construct(self):
                edges = VGroup(Line(LEFT, ORIGIN), Line(ORIGIN, RIGHT))
                self.add(edges)
                self.play(*[edge.set_color(YELLOW) for edge in edges])
        """, ["self.play(*[edge.animate.set_color(YELLOW) for edge in edges])"]),
    # a method called as a getter (get_point_at_angle): the name without get_, where the
    # receiver's class has it; a receiver of unknown make is left alone
    "method_named_as_a_getter": ("""
        class S(Scene):
            def construct(self):
                disk = Circle(radius=1)
                rim = Dot(disk.get_point_at_angle(0))
                ring = Circle(radius=2).shift(UP)
                self.play(Create(Line(disk.get_center(), ring.get_point_at_angle(PI / 4))), FadeIn(rim))
        """, ["Dot(disk.point_at_angle(0))", "Line(disk.get_center(), ring.point_at_angle(PI / 4))"]),
    # a matrix of numbers whose entries are made Text: each number written as its text
    "matrix_of_numbers_as_text": ("""
        class S(Scene):
            def construct(self):
                m = Matrix([[1, 2], [3, 4]], element_to_mobject=Text, element_to_mobject_config={"font_size": 30})
                self.play(Write(m))
        """, ["element_to_mobject=lambda entry, **style: Text(str(entry), **style)"]),
    # ManimGL's formula lookup in a loop's header: edited in the header's text
    "formula_lookup_in_a_loop_header": ("""
        class S(Scene):
            def construct(self):
                equation = MathTex(r"A^2 + B^2 = C^2")
                self.add(equation)
                for part in equation["2"]:
                    self.play(Indicate(part))  # each exponent
        """, ["for part in equation.get_part", "('2'):\n", "self.play(Indicate(part))  # each exponent",
              "MathTex('A^{2} + B^{2} = C^{2}', substrings_to_isolate=['2'])"]),
    # a part isolated where it is a script's argument: LaTeX takes the marker as the script
    "isolated_script_argument": ("""
        class S(Scene):
            def construct(self):
                s = MathTex(r"\\sum_{n=1}^\\infty \\frac{1}{n^2}", substrings_to_isolate=[r"\\infty"])
                self.play(Write(s))
                self.play(s.get_part_by_tex(r"\\infty").animate.set_color(RED))
        """, ["MathTex('\\\\sum_{n=1}^{\\\\infty} \\\\frac{1}{n^{2}}'"]),
    # a colour named in lower case where a colour goes, never defined in the file
    "colour_named_in_lower_case": ("""
        class S(Scene):
            def construct(self):
                d = Dot(color=yellow)
                self.play(FadeIn(d), Create(Circle(stroke_color=blue_c)))
        """, ["Dot(color=YELLOW)", "Circle(stroke_color=BLUE_C)"]),
    # a point given where a path goes: the move to that point; a real path is left alone
    "point_given_as_a_path": ("""
        class S(Scene):
            def construct(self):
                dot, box = Dot(LEFT * 3), Square().shift(RIGHT * 2)
                self.add(dot, box)
                self.play(MoveAlongPath(dot, Arc(radius=1)), MoveAlongPath(box, box.get_center() + UP), run_time=0.5)
        """, ["self.play(MoveAlongPath(dot, Arc(radius=1)), box.animate.move_to(box.get_center() + UP), run_time=0.5)"]),
    # typographic quotes and minus signs where code goes (a reply copied through a chat page);
    # the ones inside strings stay
    "typographic_characters": ("""
        class S(Scene):
            def construct(self):
                label = Text(r\u201cIt\u2019s \u201cone\u201d\u00a0half", font_size=30)
                self.add(label.shift(UP * (2 \u2212 1)))
        """, ['Text(r"It\u2019s \u201cone\u201d\u00a0half", font_size=30)', "UP * (2 - 1)"]),
    # a name manim no longer has (the colour enum before 0.18), imported and never used
    "unused_gone_import": ("""
        from manim.utils.color import Colors, interpolate_color

        class S(Scene):
            def construct(self):
                self.add(Square(color=interpolate_color(RED, BLUE, 0.5)))
        """, ["from manim.utils.color import interpolate_color\n"]),
    # a 2x2 matrix applied to a manim point (three coordinates): the plane's map, z kept
    "planar_matrix": ("""
        class S(Scene):
            def construct(self):
                A = np.array([[2, 1], [0, 1]])
                square = Square()
                self.add(square)

                def shear(point):
                    return A @ point

                self.play(square.animate.apply_function(shear), run_time=0.5)
                self.play(square.animate.apply_function(lambda p: np.dot(A, p)), run_time=0.5)
        """, ["return np.append(A @ np.asarray(point)[:2], np.asarray(point)[2:])",
              "lambda p: np.append(np.dot(A, np.asarray(p)[:2]), np.asarray(p)[2:])"]),
    # manim's unit constant called as a conversion; corners spelled out; a path's ends
    "called_unit_and_spelled_corners": ("""
        class S(Scene):
            def construct(self):
                arc = Arc(radius=1, angle=DEGREES(90))
                label = Text("A").next_to(arc, UP_LEFT)
                self.add(arc, label, Dot(arc.get_start_point()), Dot(arc.get_end_point()))
                self.add(Dot(label.get_bottom_point()))
        """, ["angle=90 * DEGREES", "next_to(arc, UL)", "Dot(arc.get_start())", "Dot(arc.get_end())",
              "Dot(label.get_bottom())"]),
    # ... and when it was all the import brought, the import goes (as a comment saying why)
    "unused_gone_import_alone": ("""
        from manim.utils.color import Colors

        class S(Scene):
            def construct(self):
                self.add(Square(color=RED))
        """, ["# fix: removed `from manim.utils.color import Colors`"]),
    # ManimGL's tangent line, in a file written for Manim Community
    "gl_tangent_line": ("""
        class S(Scene):
            def construct(self):
                axes = Axes(x_range=[-3, 3], y_range=[-1, 9])
                graph = axes.plot(lambda x: x ** 2)
                tangent = axes.get_tangent_line(1, graph, length=4, color=YELLOW)
                assert abs(tangent.get_length() - 4) < 1e-6
                self.play(Create(graph), Create(tangent))
        """, "set_length(4)"),
    # ManimGL's lookup of a Text's part by its words, as a method
    "gl_text_part_lookup": ("""
        class S(Scene):
            def construct(self):
                words = Text("the quick fox")
                self.add(words)
                for w in ["quick", "fox"]:
                    self.play(Indicate(words.get_part_by_text(w), color=YELLOW))
        """, "text_part(words, w)"),
    # 3b1b's manim before ManimGL: scale about a point
    "scale_about_point": ("""
        class S(Scene):
            def construct(self):
                sq = Square()
                sq.scale_about_point(1.5, sq.get_corner(DL))
                assert np.allclose(sq.get_corner(DL), [-1, -1, 0])
                self.play(Create(sq))
        """, "sq.scale(1.5, about_point=sq.get_corner(DL))"),
    # a ThreeDScene zooming with a MovingCameraScene's frame, its state saved and never restored
    "three_d_frame_saved_for_nothing": ("""
        class S(ThreeDScene):
            def construct(self):
                dot = Dot3D(RIGHT)
                self.add(dot)
                self.camera.frame.save_state()
                self.play(self.camera.frame.animate.set_width(4).move_to(dot), run_time=0.5)
        """, "self.move_camera(frame_center=dot, zoom=config.frame_width / 4, run_time=0.5)"),
    # ManimGL's see-through surface: CE's surface is filled faces
    "gl_surface_opacity": ("""
        class S(ThreeDScene):
            def construct(self):
                s = Surface(lambda u, v: np.array([u, v, u * v]), u_range=[-1, 1], v_range=[-1, 1], opacity=0.4)
                assert abs(s[0].get_fill_opacity() - 0.4) < 1e-6
                self.add(s, Sphere(radius=0.5, opacity=0.3))
                self.wait(0.1)
        """, "Sphere(radius=0.5, fill_opacity=0.3)"),
    # a statement whose first line an app commented out, its other lines left
    "half_commented_statement": ("""
        class S(Scene):
            def construct(self):
                a, b = Square(), Circle()
                self.add(a, b)
                # self.play(FadeOut(a),  # disabled: not supported here
                          FadeOut(b))
                self.play(a.animate.shift(UP), run_time=0.2)
        """, "# FadeOut(b))"),
    # a call that lost its receiver, alone in a loop
    "loop_call_without_receiver": ("""
        class S(Scene):
            def construct(self):
                dots = VGroup(*[Dot(RIGHT * i) for i in range(3)])
                def rise(m, dt):
                    m.shift(UP * dt)
                for dot in dots:
                    dot.add_updater(rise)
                self.add(dots)
                self.wait(0.2)
                for dot in dots:
                    .remove_updater(rise)
                self.wait(0.2)
        """, "dot.remove_updater(rise)"),
    # a 3-D line (a thin cylinder) given as the path to move along
    "solid_line_as_path": ("""
        class S(ThreeDScene):
            def construct(self):
                ball = Sphere(radius=0.2)
                track = Line3D(start=[0, 0, 0], end=[2, 2, 1])
                self.add(track, ball)
                self.play(MoveAlongPath(ball, track), run_time=0.3)
                assert np.allclose(ball.get_center(), [2, 2, 1])
        """, "MoveAlongPath(ball, Line(track.get_start(), track.get_end()))"),
    # an old-manim method on a receiver only the run can name (an updater's mobject)
    "gl_template_on_a_receiver_known_at_run_time": ("""
        class S(Scene):
            def construct(self):
                t = Text("hi")
                def grow(mob, dt):
                    mob.scale_about_point(1.5, mob.get_left())
                t.add_updater(grow)
                left = t.get_left()
                self.add(t)
                self.wait(0.1)
                assert np.allclose(t.get_left(), left)
        """, "mob.scale(1.5, about_point=mob.get_left())"),
    # a model's shorthand for numpy's random Generator
    "numpy_rng_shorthand": ("""
        class S(Scene):
            def construct(self):
                rng = np.rng()
                self.add(Dot(rng.uniform(-1, 1, 3)))
        """, "np.random.default_rng()"),
    # the bare name `camera` (manim's module) where the scene's camera was meant
    "bare_camera_name": ("""
        class S(Scene):
            def construct(self):
                dot = Dot(RIGHT * 2)
                self.add(dot)
                self.play(camera.frame.animate.scale(0.5).move_to(dot), run_time=0.2)
                assert np.allclose(self.camera.frame.get_center(), dot.get_center())
        """, ("self.camera.frame.animate", "class S(MovingCameraScene)")),
    # a keyword the class passes on itself, in statements that read alike
    "duplicate_keyword_in_alike_statements": ("""
        class S(Scene):
            def construct(self):
                parts = VGroup()
                for i in range(4):
                    if i % 2:
                        piece = Sector(outer_radius=1.5, angle=PI / 4, start_angle=i * PI / 2)
                    else:
                        piece = Sector(outer_radius=1.5, angle=PI / 4, start_angle=i * PI / 2)
                    parts.add(piece)
                self.add(parts)
                assert abs(parts[1].outer_radius - 1.5) < 1e-9
        """, "piece = Sector(radius=1.5, angle=PI / 4, start_angle=i * PI / 2)"),
    # a type hint naming what an import tried with a way out did not bind
    "hint_naming_what_a_failed_import_did_not_bind": ("""
        from typing import Optional
        try:
            from no_such_fractal_helpers import Calculator
        except ImportError:
            pass

        class S(Scene):
            def calculator(self) -> Optional[Calculator]:
                return None

            def construct(self):
                self.add(Circle() if self.calculator() is None else Square())
        """, "from __future__ import annotations"),
    # one animation given a starred collection of mobjects
    "starred_mobjects_to_one_animation": ("""
        class S(Scene):
            def construct(self):
                nodes = {k: Circle(radius=0.3).shift(RIGHT * i) for i, k in enumerate("abcd")}
                self.play(Create(*nodes.values()), run_time=0.2)
                assert len(self.mobjects) == 4
        """, "self.play(*[Create(mob) for mob in nodes.values()], run_time=0.2)"),
    # names only a failed import would bind, which the scene tests for
    "names_a_failed_import_did_not_bind": ("""
        try:
            from no_such_zoom_helpers import ZOOM_PATHS, ZoomPath
            HELPERS = True
        except ImportError as e:
            print(f"no helpers: {e}")
            HELPERS = False

        class S(Scene):
            def construct(self):
                if ZOOM_PATHS and "ship" in ZOOM_PATHS:
                    self.add(Square())
                else:
                    self.add(Circle())
        """, "ZOOM_PATHS = ZoomPath = None  # what the import would have bound"),
    # always_redraw given a function written as an updater, whose parameter it never reads
    "redraw_function_with_an_unused_parameter": ("""
        class S(Scene):
            def construct(self):
                x = ValueTracker(1)

                def label(mob):
                    return Text(f"x = {x.get_value():.1f}").to_edge(UP)

                shown = always_redraw(label)
                self.add(shown)
                self.play(x.animate.set_value(2), run_time=0.2)
        """, "always_redraw(lambda: label(None))"),
    # the scene's own helper, which plays by itself, passed to play
    "played_helper_that_plays_itself": ("""
        class S(Scene):
            def flash(self, mob):
                self.play(Indicate(mob), run_time=0.2)

            def construct(self):
                dot = Dot()
                self.add(dot)
                self.play(self.flash(dot))
                assert self.renderer.num_plays == 1
        """, "        self.flash(dot)"),
    # False for "no labels" where manim's "none" is None (it iterates the value)
    "false_for_none": ("""
        class S(Scene):
            def construct(self):
                t = Table([["1", "2"], ["3", "4"]], row_labels=False, include_outer_lines=True)
                self.play(FadeIn(t))
        """, ["Table([['1', '2'], ['3', '4']], include_outer_lines=True)"]),
    # a mobject placed by a list of mobjects: placed by them as a group
    "placed_by_a_list": ("""
        class S(Scene):
            def construct(self):
                pieces = [Square(0.5), Circle(0.25), Triangle()]
                for i, p in enumerate(pieces):
                    p.shift(RIGHT * i)
                note = Text("three shapes", font_size=24)
                note.next_to(pieces, DOWN, buff=0.5)
                self.add(*pieces, note)
        """, ["note.next_to(Group(*pieces), DOWN, buff=0.5)"]),
    # 2-D points made in a list a comprehension walks (and the list rebuilt once): padded where made
    "walked_2d_points": ("""
        class S(Scene):
            def construct(self):
                n = 5
                points = [np.array([np.cos(TAU * i / n), np.sin(TAU * i / n)]) for i in range(n)]
                points = [p * 2 for p in points]
                dots = [Dot(point) for point in points]
                self.add(*dots)
        """, ["np.array([np.cos(TAU * i / n), np.sin(TAU * i / n), 0])"]),
    # mathematics in a text-mode Tex, built with + around the numbers: typeset in math mode
    "tex_math_built_with_plus": ("""
        class S(Scene):
            def construct(self):
                mu, sigma = 0.5, 1.25
                label = Tex(r"N(\\mu=" + f"{mu:.2f}" + r", \\sigma^2=" + str(round(sigma ** 2, 2)) + r")")
                self.add(label)
        """, ["label = MathTex("]),
    # a Python function given where the axes take its graph: the graph drawn on those axes
    "function_for_its_graph": ("""
        def f(x):
            return 0.5 * x ** 2

        class S(Scene):
            def construct(self):
                axes = Axes(x_range=[0, 3], y_range=[0, 5])
                curve = axes.plot(f, color=BLUE)
                area = axes.get_area(f, x_range=[0, 2], color=GREEN, opacity=0.5)
                self.add(axes, curve, area)
        """, ["area = axes.get_area(axes.plot(f), x_range=[0, 2], color=GREEN, opacity=0.5)"]),
    # a bare math function numpy has not (factorial), the curve of a function by a made-up
    # plot_line, a coordinate conversion spelled out
    "math_factorial_plot_line_spelled_conversion": ("""
        class S(Scene):
            def construct(self):
                axes = Axes(x_range=[-2, 2], y_range=[-1, 4])
                coeffs = [1, 1, 1, 1]
                approx = axes.plot_line(lambda x: sum(coeffs[k] * x ** k / factorial(k) for k in range(4)), color=RED)
                dot = Dot(axes.coordinate_to_point(1, np.e))
                self.add(axes, approx, dot)
        """, ["math.factorial(k)", "axes.plot(lambda x:", "axes.coords_to_point(1, np.e)", "import math"]),
    # a parametric curve whose function gives 2-D points
    "curve_of_2d_points": ("""
        class S(Scene):
            def construct(self):
                ellipse = ParametricFunction(lambda t: [2 * np.cos(t), np.sin(t)], t_range=[0, TAU], color=BLUE)
                self.add(ellipse)
        """, ["lambda t: [2 * np.cos(t), np.sin(t), 0]"]),
    # classes made up: a line by analogy with get_vertical_line, given its two ends; a box as
    # 3-D libraries name it
    "made_up_vertical_line_and_box": ("""
        class S(Scene):
            def construct(self):
                axes = Axes(x_range=[0, 4], y_range=[0, 3])
                x = 2
                mark = VerticalLine(axes.c2p(x, 0), axes.c2p(x, 2), color=RED)
                block = VGroup(Box(width=2, height=1, color=BLUE), Text("m"))
                self.add(axes, mark, always_redraw(lambda: VerticalLine(axes.c2p(1, 0), axes.c2p(1, 1))), block)
        """, ["mark = Line(axes.c2p(x, 0), axes.c2p(x, 2), color=RED)", "lambda: Line(axes.c2p(1, 0)",
              "Prism(dimensions=[2, 1, 1], color=BLUE)"]),
    # a mobject moved as other libraries move things: by an offset, or to coordinates
    "made_up_move": ("""
        class S(Scene):
            def construct(self):
                ball = Circle(radius=0.2).move([-2, 1])
                bar = Rectangle(width=0.4, height=1)
                bar.move(x=1.5, y=-0.5)
                self.add(ball, bar)
                ball.move(RIGHT * 0.5)
        """, ["Circle(radius=0.2).shift([-2, 1, 0])", "bar.move_to([1.5, -0.5, 0])", "ball.shift(RIGHT * 0.5)"]),
    # a list of points given as one vertex, its corners made by the axes
    "corner_list_of_axes_points": ("""
        class S(Scene):
            def construct(self):
                plane = Axes(x_range=[0, 6], y_range=[0, 6])
                zone = Polygon([plane.c2p(0, 0), plane.c2p(5, 0), plane.c2p(5, 5), plane.c2p(0, 5)], color=GREEN)
                self.add(plane, zone)
        """, ["Polygon(plane.c2p(0, 0), plane.c2p(5, 0), plane.c2p(5, 5), plane.c2p(0, 5), color=GREEN)"]),
    # mobjects made in a group and moved there by 2-D offsets
    "moved_by_2d_offsets_in_a_group": ("""
        class S(Scene):
            def construct(self):
                tiles = VGroup(Square(1, color=BLUE).shift([-2, 1]), Square(1, color=RED).shift([2, -1]))
                self.add(tiles)
        """, ["shift([-2, 1, 0])", "shift([2, -1, 0])"]),
    # coordinates spread over a point and the colour after it
    "point_from_two_coordinates": ("""
        class S(Scene):
            def construct(self):
                spots = [(1, 2), (-1, 0.5), (2, -1)]
                points = [Point(x, y) for x, y in spots]
                self.add(*[Dot(p.get_location(), color=YELLOW) for p in points])
        """, ["Point([x, y, 0])"]),
    # a colour where the direction goes, and a mobject made in the call to play
    "colour_as_direction_and_mobject_played": ("""
        class S(Scene):
            def construct(self):
                box = Square(2)
                name = Tex("box").next_to(box, BLUE)
                self.add(box, name)
                self.play(Text("Done").to_edge(UP))
        """, ["next_to(box)", "self.play(FadeIn(Text('Done').to_edge(UP)))"]),
    # unicode in an axis label (typeset in math mode), and a matrix built with str()
    "axis_label_unicode_and_matrix_with_str": ("""
        class S(Scene):
            def construct(self):
                axes = Axes(x_range=[0, 3], y_range=[0, 3])
                xl = axes.get_x_axis_label("v₁ (√m₁)")
                a, b = 2, 1
                m = Tex(r"A = \\begin{bmatrix} " + str(a) + " & " + str(b) + r" \\end{bmatrix}")
                self.add(axes, xl, m.to_edge(DOWN))
        """, ["get_x_axis_label('v_{1} (", "sqrt m_{1})')", "m = MathTex("]),
    # ManimGL's plane.get_lines() (its two groups of lines) animated and copied as one mobject;
    # the list of mobjects a manim method returns, animated as one
    "plane_lines_as_one_mobject": ("""
        class S(Scene):
            def construct(self):
                plane = NumberPlane(x_range=[-3, 3], y_range=[-3, 3])
                lines = plane.get_lines()
                self.play(Create(lines), run_time=0.5)
                self.add(lines.copy().shift(RIGHT))
                parts = VGroup(Square(), Circle()).arrange(RIGHT).split()
                self.play(Create(parts), run_time=0.5)
        """, ["lines = VGroup(*plane._get_lines())", "Create(VGroup(*parts))"]),
    # a surface's point asked for by an invented getter (Mobject's catch-all takes the call)
    "surface_point_by_a_getter": ("""
        class S(ThreeDScene):
            def construct(self):
                ball = Sphere(radius=1, resolution=(6, 6))
                def tip(surface, u, v):
                    return surface.get_point_from_uv([u, v])
                self.add(ball, Dot3D(tip(ball, 1.0, 0.5)), Dot3D(ball.get_surface_point(2.0, 1.0)))
        """, ["surface.func(u, v)", "ball.func(2.0, 1.0)"]),
    # the camera turned by GL's reorient with Community's keyword names
    "camera_reorient_with_ce_keywords": ("""
        class S(ThreeDScene):
            def construct(self):
                self.add(Cube(side_length=1))
                self.camera.reorient(phi=70 * DEGREES, theta=30 * DEGREES)
                self.wait(0.1)
        """, ["self.set_camera_orientation(phi=70 * DEGREES, theta=30 * DEGREES)"]),
    # a mobject's position as other libraries keep it
    "position_attributes": ("""
        class S(Scene):
            def construct(self):
                pts = [Point([1, 2, 0]), Point([-1, 0, 0])]
                self.add(*[Dot(p.coords, color=RED) for p in pts], Line(pts[0].position, Dot(RIGHT).pos()))
        """, ["Dot(p.get_center(), color=RED)", "Line(pts[0].get_center(), Dot(RIGHT).get_center())"]),
    # eigenvectors numpy gives in 2-D, unpacked from its columns, drawn as arrows
    "unpacked_2d_vectors": ("""
        class S(Scene):
            def construct(self):
                A = np.array([[2, 1], [1, 2]])
                values, vectors = np.linalg.eig(A)
                v1, v2 = vectors.T
                self.add(Arrow(ORIGIN, v1 * 2, buff=0), Arrow(ORIGIN, v2 * 2, buff=0))
        """, ["np.append(v1", "np.append(v2"]),
    # GL's get_lines() on a plane only the run knows to be one (manim's catch-all names "lines")
    "plane_lines_of_a_parameter": ("""
        class S(Scene):
            def construct(self):
                def faded(mob):
                    lines = mob.get_lines()
                    return lines.set_opacity(0.3)
                plane = NumberPlane()
                self.add(plane, faded(plane))
        """, ["lines = VGroup(*mob._get_lines())"]),
    # the colour package's Color (replaced by ManimColor in 0.18), made from RGB and read back
    "colour_package_color": ("""
        class S(Scene):
            def construct(self):
                tint = Color(rgb=BLUE.get_rgb() * 0.5)
                self.add(Square(color=tint))
        """, ["tint = ManimColor.from_rgb(BLUE.to_rgb() * 0.5)"]),
    # a reply cut before the methods that construct() calls were written: the calls go with
    # the tail (counted as lost), and a method header left last keeps its name
    "truncated_before_its_methods": ("""
        class S(Scene):
            def construct(self):
                self.intro()
                self.summary()
                self.outro()

            def intro(self):
                self.play(Create(Circle()))
                self.play(FadeIn(Squ
        """, ["pass  # c2v removed (the reply was cut before self.summary was written)",
              "self.play(Create(Circle()))"]),
    "truncated_at_a_method_header": ("""
        class S(Scene):
            def construct(self):
                self.play(Create(Circle()))
                self.outro()

            def outro(self):
        """, ["def outro(self):\n        pass", "        self.outro()"]),
    # an animation handed to another as a mobject: it is played as it is
    "animation_given_to_an_animation": ("""
        class S(Scene):
            def construct(self):
                dot = Dot()
                if dot.get_x() > 0:
                    flash = Flash(dot, color=RED)
                else:
                    flash = Flash(dot, color=YELLOW)
                self.play(Create(flash), FadeIn(Square()))
        """, ["self.play(flash, FadeIn(Square()))"]),
    # GL's get_lines() in a block's header: a loop over a plane the run names, and one the
    # file does
    "plane_lines_in_a_loop_header": ("""
        class S(Scene):
            def construct(self):
                def bend(mob, alpha):
                    for group in mob.get_lines():
                        group.set_opacity(1 - alpha / 2)
                plane, other = NumberPlane(), NumberPlane(x_range=[-2, 2])
                for group in other.get_lines():
                    group.set_color(RED)
                self.add(plane, other)
                self.play(UpdateFromAlphaFunc(plane, bend), run_time=0.5)
        """, ["for group in VGroup(*mob._get_lines()):", "for group in VGroup(*other._get_lines()):"]),
    # a class manim does not have, named for the one it would be, which takes its calls as written
    "class_named_after_a_manim_class": ("""
        class S(Scene):
            def construct(self):
                arc = CurvedArc(radius=1.5, angle=PI / 2, color=WHITE)
                self.play(SmoothTransform(arc, Circle()), run_time=0.5)
        """, ["arc = Arc(radius=1.5, angle=PI / 2, color=WHITE)", "self.play(Transform(arc, Circle())"]),
    # a math-only command alone in a Tex (text mode; amsmath: "\\vec allowed only in math mode")
    "math_command_in_text_mode": ("""
        class S(Scene):
            def construct(self):
                self.add(Tex(r"\\vec{E}", color=YELLOW), Tex(r"\\hat{n} \\cdot \\mathbf{B}").shift(DOWN))
        """, ["Tex('$\\\\vec{E}$', color=YELLOW)", "Tex('$\\\\hat{n} \\\\cdot \\\\mathbf{B}$')"]),
    # Code's settings before 0.19, now read from its paragraph and background configs
    "code_settings_into_configs": ("""
        class S(Scene):
            def construct(self):
                self.add(Code(code_string="x = 1", language="python", font_size=18, margin=0.2,
                              paragraph_config={"line_spacing": 0.6}))
        """, ["paragraph_config={'line_spacing': 0.6, 'font_size': 18}", "background_config={'buff': 0.2}"]),
    # a renamed class whose old bounds then need the new range argument: the round that adds
    # findings is half of a fix the next round completes
    "renamed_surface_with_old_bounds": ("""
        class S(ThreeDScene):
            def construct(self):
                self.add(ParametricSurface(lambda u, v: np.array([u, v, u * v]), u_min=-1, u_max=1,
                                           v_min=-1, v_max=1, resolution=4))
        """, ["Surface(lambda u, v: np.array([u, v, u * v]), resolution=4, u_range=[-1, 1], v_range=[-1, 1])"]),
    # a value of the scene's own kept under the name of manim's read-only Scene.time, advanced
    # by a scene updater written with the mobject's two parameters
    "own_value_under_a_read_only_name": ("""
        class S(Scene):
            def construct(self):
                dot = Dot()
                dot.add_updater(lambda m: m.move_to(RIGHT * self.time))
                self.add(dot)
                self.time = 0

                def tick(dt):
                    self.time += dt
                self.add_updater(lambda s, dt: tick(dt))
                self.play(FadeIn(Circle()), run_time=0.2)
        """, ["RIGHT * self.time_", "self.time_ = 0", "self.time_ += dt", "self.add_updater(lambda dt: tick(dt))"]),
    # the same, read at once (always_redraw calls its function where it stands) before the
    # scene sets it: that read saw manim's clock and keeps it
    "read_only_name_read_before_it_is_set": ("""
        class S(Scene):
            def construct(self):
                ax = Axes(x_range=[0, 4], y_range=[-1, 1])
                wave = always_redraw(lambda: ax.plot(lambda x: np.sin(x - self.time)))
                self.time = 0

                def tick(m, dt):
                    self.time += dt
                wave.add_updater(tick)
                self.add(ax, wave)
                self.wait(0.2)
        """, ["np.sin(x - self.time)", "self.time_ = 0", "self.time_ += dt"]),
    # a mobject's updater whose unused second parameter is not called dt
    "mobject_updater_second_parameter": ("""
        class S(Scene):
            def construct(self):
                def spin(mob, alpha):
                    mob.rotate(0.1)
                sq = Square()
                sq.add_updater(spin)
                self.add(sq)
                self.play(FadeIn(Circle()), run_time=0.2)
        """, ["def spin(mob, dt):"]),
    # a star import from a manim module that does not exist, and corners named top/bottom
    "star_import_of_a_missing_module_and_corner_names": ("""
        from manim.color import *

        class S(Scene):
            def construct(self):
                sq = Square(color=BLUE_C)
                self.add(sq, Dot(sq.get_corner(BL)), Dot(sq.get_corner(TR)))
        """, ["from manim.utils.color import *", "sq.get_corner(DL)", "sq.get_corner(UR)"]),
    # a keyword only a subclass named for the class takes: that subclass
    "keyword_of_the_named_subclass": ("""
        class S(Scene):
            def construct(self):
                self.add(Rectangle(width=2, height=1, corner_radius=0.2, color=BLUE))
                self.add(Line(LEFT, RIGHT, dash_length=0.1))
        """, ["RoundedRectangle(width=2, height=1, corner_radius=0.2, color=BLUE)",
              "DashedLine(LEFT, RIGHT, dash_length=0.1)"]),
    # a mobject's method called inside play: the change was meant animated
    "method_result_played": ("""
        class S(Scene):
            def construct(self):
                c = Circle()
                self.add(c)
                self.play(c.set_fill(GREEN, opacity=0.5).shift(UP), run_time=0.2)
        """, ["self.play(c.animate.set_fill(GREEN, opacity=0.5).shift(UP), run_time=0.2)"]),
    # ManimGL's text["word"] on a Text: every place the word is written, none where it is not
    "text_indexed_by_its_words": ("""
        class S(Scene):
            def construct(self):
                words = Text("the quick brown fox, quick").scale(0.5)
                for w in ["quick", "slow"]:
                    words[w].set_color(YELLOW)
                self.play(Write(words), run_time=0.2)
        """, ["from code2video_jupyter.scaffold.text import text_part", "text_part(words, w).set_color(YELLOW)"]),
    # another scene of the file, built on a base defined nowhere, stops the import of the one
    # rendered: it (and what is built on it) goes, the scene rendered is left as it is
    "unused_class_on_a_missing_base": ("""
        class Chat(TeacherStudentsScene):
            def construct(self):
                self.teacher_says("Hi")

        class MoreChat(Chat):
            pass

        class S(Scene):
            def construct(self):
                self.play(Create(Circle()), run_time=0.2)
        """, ["# class Chat(TeacherStudentsScene):", "# class MoreChat(Chat):",
              "class S(Scene):\n    def construct(self):\n        self.play(Create(Circle()), run_time=0.2)"]),
    # ManimGL's Group(m for m in ...): Community's Group takes its mobjects one by one
    "group_of_a_generator": ("""
        class S(Scene):
            def construct(self):
                dots = Group(Dot(RIGHT * i) for i in range(3))
                self.play(FadeIn(dots), run_time=0.2)
        """, ["dots = Group(*(Dot(RIGHT * i) for i in range(3)))"]),
    # moved constants in the headers of compound statements (a default, an if's test)
    "moved_constants_in_headers": ("""
        class S(Scene):
            def strip(self, width=0.5 * FRAME_WIDTH):
                return Rectangle(width=width, height=1)

            def construct(self):
                if FRAME_X_RADIUS > 1:
                    self.add(self.strip())
        """, ["def strip(self, width=0.5 * config.frame_width):", "if config.frame_x_radius > 1:"]),
    # colours named as strings the way CSS, X11 or people name them
    "colour_strings": ("""
        class S(Scene):
            def construct(self):
                self.add(Circle(color="light blue"), Square(color="dark green"), Dot(color="navy"),
                         Star(color="cyan"), Triangle(color="red"))
        """, ["color='#ADD8E6'", "color='#006400'", "color='#01153E'", "color='teal'", "color='red'"]),
    # older keyword names: a pair of bounds for any range, the first word of a parameter,
    # the text's colour, and remove_updater() naming no updater
    "range_bounds_and_short_keywords": ("""
        class S(ThreeDScene):
            def construct(self):
                s = Surface(lambda u, v: np.array([u, v, 0]), u_max=2, v_min=-1, v_max=1, resolution=(4, 4))
                self.add(s, Square(side=3), Text("t", text_color=RED))
                d = Dot()
                d.add_updater(lambda m, dt: m.shift(RIGHT * dt))
                self.add(d)
                d.remove_updater()
        """, ["u_range=[0, 2], v_range=[-1, 1]", "Square(side_length=3)", "Text('t', color=RED)",
              "d.clear_updaters()"]),
}


@pytest.mark.render
@pytest.mark.parametrize("name", list(CASES))
def test_each_class_runs_after_fix_with_no_model(tmp_path, name):
    body, expected = CASES[name]
    path = _write(tmp_path, body)
    report = _fix(path)
    assert not report.ran_before  # the program failed as written
    assert report.ok, report.error
    assert report.model_calls == 0
    fixed = Path(report.fixed_file).read_text()
    for text in expected:
        assert text in fixed, (text, fixed)


@pytest.mark.render
def test_an_unused_import_the_sandbox_refuses_is_removed(tmp_path):
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                self.add(Circle())
        """, header="from manim import *\nimport socket\nimport subprocess\n")
    report = _fix(path)
    assert report.ok and report.error_class == "policy"
    fixed = Path(report.fixed_file).read_text()
    assert "import socket" not in fixed and "import subprocess" not in fixed


@pytest.mark.render
def test_a_launcher_that_shells_out_is_left_alone(tmp_path):
    # the file's own launcher (the `if __name__ == "__main__":` block and the functions only it
    # calls) never runs in a render: the scene is loaded as a module. What it does, and the
    # imports only it uses, are no concern of the policy: the program runs as written
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                self.add(Circle())

        def main():
            subprocess.run([sys.executable, "-m", "manim", "-pql", __file__, "S"])

        if __name__ == "__main__":
            os.system("manim -pql scene.py S")
            main()
        """, header="from manim import *\nimport os\nimport subprocess, sys\n")
    report = _fix(path)
    assert report.ok and report.ran_before and report.fixed_file is None
    # a use in the scene itself is still refused
    path.write_text(path.read_text().replace("self.add(Circle())", "os.system('ls')"))
    assert check_source(path.read_text()).errors[0].kind == "policy"


@pytest.mark.render
def test_set_up_for_another_platform_is_left_alone(tmp_path):
    # a model's set-up of MiKTeX for Windows and Homebrew for macOS: those branches never run
    # here, so what they do is no concern of the policy; the scene runs as written
    path = _write(tmp_path, """
        if sys.platform.startswith('win'):
            os.environ['PATH'] += r';C:\\Program Files\\MiKTeX\\miktex\\bin\\x64'
        elif sys.platform.startswith('darwin'):
            os.environ['PATH'] += ':/opt/homebrew/bin'
        if os.name == "nt":
            os.system("chcp 65001")

        class S(Scene):
            def construct(self):
                self.add(Circle())
        """, header="import os\nimport sys\nfrom manim import *\n")
    report = _fix(path)
    assert report.ok and report.ran_before and report.fixed_file is None
    # the same set-up for this platform is refused
    linux = path.read_text().replace('os.name == "nt"', 'os.name == "posix"')
    assert [i.kind for i in check_source(linux).errors] == ["policy"]


@pytest.mark.render
def test_a_launcher_that_only_renders_is_left_alone(tmp_path):
    # config.preview and the OpenGL renderer are the launcher's to choose, and the sandbox's:
    # the scene runs as written
    path = _write(tmp_path, """
        config.preview = True
        config.renderer = "opengl"

        class S(Scene):
            def construct(self):
                self.play(Create(Circle()), run_time=0.2)

        if __name__ == "__main__":
            S().render()
        """)
    report = _fix(path)
    assert report.ok and report.ran_before and report.fixed_file is None


@pytest.mark.render
def test_a_used_import_the_sandbox_refuses_stays_refused(tmp_path):
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                subprocess.run(["ls"])
                self.add(Circle())
        """, header="from manim import *\nimport subprocess\n")
    report = _fix(path)
    assert not report.ok and report.error_class == "policy" and report.runs == 0
    assert any("subprocess" in left for left in report.left)


@pytest.mark.render
def test_typst_text_from_the_current_docs_runs_as_written(tmp_path):
    # manim 0.22's Typst and MathTypst need its typst extra, which the project installs.
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                self.add(VGroup(Typst("*Hello*"), MathTypst("x^2 + 1")).arrange(DOWN))
        """)
    report = _fix(path)
    assert report.ok and report.ran_before and report.runs == 1


@pytest.mark.render
def test_a_program_that_runs_is_never_changed(tmp_path):
    # The gate flags `Foo` (never defined), but the branch never runs: the program runs.
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                if False:
                    Foo()
                self.add(Circle())
        """)
    report = _fix(path)
    assert report.ran_before and report.ok
    assert report.fixed_file is None and report.steps == []
    assert [i.name for i in report.gate_before] == ["Foo"]


@pytest.mark.render
def test_an_unfixable_program_says_what_is_left(tmp_path):
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                self.add(Circle())
                self.add(Thing(3))
        """)
    report = _fix(path)
    assert not report.ok and report.error_class == "unknown_name"
    assert any("Thing" in left for left in report.left)


@pytest.mark.render
def test_a_gone_import_the_file_looks_up_by_string_is_not_called_unused(tmp_path):
    # globals()[f"{key}_FACES"] reads what the import was to bring: no "never uses it"
    path = _write(tmp_path, """
        class S(ThreeDScene):
            def construct(self):
                faces = globals()["TETRAHEDRON_FACES"]
                self.add(Polyhedron(Tetrahedron().vertex_coords, faces))
        """, header="from manim import *\nfrom manim.mobject.three_d.polyhedra import TETRAHEDRON_FACES\n")
    report = _fix(path)
    assert not report.ok and report.steps == [] and "TETRAHEDRON_FACES" in report.error


@pytest.mark.render
@pytest.mark.parametrize("call", ["WavedLine(LEFT, RIGHT, amplitude=0.3)", "FadeInText(Square())",
                                  "DashedArrow(*[LEFT, RIGHT])"])
def test_a_class_named_after_one_that_would_not_take_its_call_is_left(tmp_path, call):
    # a Line has no waves; FadeIn+Text or Fade+InText is no class named after Text; what a
    # starred argument holds is not known: the name stays for the model
    path = _write(tmp_path, f"""
        class S(Scene):
            def construct(self):
                self.add({call})
        """)
    report = _fix(path)
    assert not report.ok and report.steps == [] and report.error_class == "unknown_name"


def test_a_cure_that_leaves_the_same_error_is_rolled_back():
    ns = load_namespace()
    source = "from manim import *\n\nclass S(Scene):\n    def construct(self):\n        d = Dot([1, 2])\n"
    saved: list[tuple[str, str]] = []
    seen: list[str] = []

    def run(text: str, mode: str) -> Attempt:
        seen.append(text)
        # the padded point does not help (as if the error came from elsewhere)
        return Attempt(ok=False, error_type="ValueError", line=5,
                       message="operands could not be broadcast together with shapes (3,) (2,)")

    out = repair(source, ns, run, lambda s, r, k, sc: saved.append((k, s)), mode="none")
    assert not out.ok
    assert [k for k, _ in saved] == ["runtime", "rollback"]
    assert saved[-1][1] == source and out.source == source  # never worse: back to the original
    assert len(seen) == 2


def test_an_error_before_the_end_is_not_a_truncation():
    ns = load_namespace()
    source = ("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
              "        a = 1 +\n        self.add(Circle())\n")
    assert all(c.name != "truncated tail" for c in runtime_fixes(source, "SyntaxError", "invalid syntax", 5, ns))


def test_only_calls_to_methods_defined_nowhere_go_with_a_cut_tail():
    """A method a base of the file gives, one that manim's scene has, one set as an attribute,
    one whose result is used: none is taken for a method the cut swallowed."""
    ns = load_namespace()
    source = ("from manim import *\n\nclass Base(Scene):\n    def helper(self):\n        pass\n\n"
              "class S(Base):\n    def construct(self):\n        self.helper()\n        self.wait()\n"
              "        self.show = lambda: None\n        self.show()\n        x = self.build()\n"
              "        self.build()\n        self.lost()\n        self.play(Fade\n")
    cures = runtime_fixes(source, "SyntaxError", "'(' was never closed", 16, ns)
    cut = next(c for c in cures if c.name == "truncated tail")
    assert "pass  # c2v removed (the reply was cut before self.lost was written)" in cut.source
    code = [ln.strip() for ln in cut.source.split("\n")]  # a commented-out line starts with pass
    for kept in ("self.helper()", "self.wait()", "self.show()", "x = self.build()", "self.build()"):
        assert kept in code, kept
    assert cut.source.count("c2v removed") == 1


@pytest.mark.render
def test_a_call_lost_with_a_cut_tail_is_reported_as_lost(tmp_path):
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                self.play(Create(Circle()))
                self.summary()
                self.play(FadeIn(Squ
        """)
    report = _fix(path)
    assert report.ok and report.removals == 1, report


def test_a_scene_on_a_base_from_elsewhere_keeps_its_calls_after_a_cut():
    ns = load_namespace()
    source = ("from manim import *\nfrom helpers import Base\n\nclass S(Base):\n"
              "    def construct(self):\n        self.lost()\n        self.play(Fade\n")
    cut = next(c for c in runtime_fixes(source, "SyntaxError", "'(' was never closed", 7, ns)
               if c.name == "truncated tail")
    assert "c2v removed" not in cut.source and "self.lost()" in cut.source


def test_only_an_animation_is_unwrapped():
    """``Create(box)`` of a mobject is no nested animation; a name bound in a loop is unknown."""
    ns = load_namespace()
    source = ("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
              "        box = ImageMobject('a.png')\n        for f in [Flash(ORIGIN)]:\n"
              "            self.play(Create(f), Create(box))\n")
    cures = runtime_fixes(source, "TypeError", "Create only works for VMobjects.", 7, ns)
    assert all(c.name != "nested animation" for c in cures)


def test_a_getter_that_needs_an_argument_is_no_property():
    ns = load_namespace()
    # `ax.axis` is no property: get_axis(index) needs an index nobody wrote
    source = ("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
              "        ax = Axes()\n        self.add(ax.axis)\n")
    for cure in runtime_fixes(source, "AttributeError", "'Axes' object has no attribute 'axis'", 6, ns):
        assert "get_axis()" not in cure.source


def test_the_scaffold_names_are_not_offered_to_a_plain_manim_file():
    ns = load_namespace()
    from code2video_jupyter.repair import fix_source

    # `matrix` is a helper of the scaffold, not of manim: a plain manim file cannot use it
    plain = ("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
             "        self.add(matrx([['1']]))\n")
    assert "matrix(" not in fix_source(plain, ns).source
    assert "matrx" in [i.name for i in check_source(plain, ns).errors]


def test_a_method_is_replaced_only_when_the_type_confirms_it():
    ns = load_namespace()
    # ManimGL's add_coordinate_labels: `coordinate_labels` is an attribute of Axes, not a method
    source = ("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
              "        ax = Axes()\n        ax.add_coordinate_label()\n")
    cures = runtime_fixes(source, "AttributeError", "'Axes' object has no attribute "
                          "'add_coordinate_label'", 6, ns)
    for cure in cures:
        assert ".coordinate_labels(" not in cure.source


@pytest.mark.render
def test_with_several_scenes_the_last_one_nothing_extends_is_fixed(tmp_path):
    path = _write(tmp_path, """
        class Base(Scene):
            def setup_title(self):
                self.add(Text("t").to_edge(UP))

        class Draft(Base):
            def construct(self):
                self.add(Circle())

        class Final(Base):
            def construct(self):
                self.setup_title()
                self.add(Square(side_length=2, label="x"))
        """)
    report = _fix(path)
    assert report.ok and not report.ran_before
    assert "self.add(Square(side_length=2))" in Path(report.fixed_file).read_text()


def test_the_manimgl_port_is_idempotent():
    ns = load_namespace()
    from code2video_jupyter.repair import fix_source

    gl = ("from manimlib import *\n\nclass S(ThreeDScene):\n    def construct(self):\n"
          "        self.add(Sphere())\n        self.frame.reorient(20, 70)\n")
    once = fix_source(gl, ns).source
    assert once.count("set_camera_orientation") <= 2
    assert fix_source(once, ns).source == once


def test_self_camera_frame_alone_does_not_make_a_file_manimgl():
    ns = load_namespace()
    from code2video_jupyter.repair.gl_port import port_source

    ce = ("from manim import *\n\nclass S(MovingCameraScene):\n    def construct(self):\n"
          "        t = Tex(\"plain words\")\n        self.add(t)\n"
          "        self.play(self.camera.frame.animate.scale(0.5))\n")
    assert port_source(ce, ns)[0] == ce  # CE's Tex (text mode) must not become MathTex


@pytest.mark.render
def test_a_removal_is_the_last_resort_and_only_when_allowed(tmp_path):
    """An invented method in a bare call: no faithful cure exists, so `fix` fails; with
    --allow-removals the call is commented out (reported, counted) and the rest runs, after
    the faithful cure of the other mistake was made first."""
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                axes = Axes()
                box = Rectangle(width=2, height=1, label="box")
                axes.add_label("f(x)", axes)
                self.play(Create(axes), Create(box))
        """)
    faithful = _fix(path)
    assert not faithful.ok and faithful.removals == 0
    lossy = fix_file(path, render=False, timeout=120, allow_removals=True)
    assert lossy.ok and lossy.removals == 1, lossy.error
    kinds = [s.kind for s in lossy.steps]
    assert kinds[-1] == "removal" and kinds[0] in ("static", "runtime")  # the keyword first
    text = Path(lossy.fixed_file).read_text()
    assert '# c2v removed (AttributeError' in text and 'axes.add_label("f(x)", axes)' in text
    assert "self.play(Create(axes), Create(box))" in text
    assert len(text.splitlines()) == len(path.read_text().splitlines()) + 1  # + the kwarg comment


def test_self_mobjects_read_as_what_is_drawn_when_a_transform_meets_a_waits_mobject(tmp_path):
    """A scene that gathers `self.mobjects` as "everything on screen" and transforms it: manim's
    scene also holds the empty Mobject each wait() plays, which no transform takes ("get_point_
    mobject not implemented for Mobject"); in that method every read keeps what is drawn, an
    index into it too (the last drawn thing, not a wait's placeholder)."""
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                self.play(Create(Circle()), run_time=0.2)
                self.wait(0.1)
                self.add(Text("x").shift(UP))
                everything = Group(*self.mobjects)
                self.play(ReplacementTransform(everything, Square()), run_time=0.2)
                self.wait(0.1)
                self.play(FadeOut(self.mobjects[-1]), run_time=0.2)

            def other(self):
                return len(self.mobjects)
        """)
    report = _fix(path)
    assert report.ok and report.error_class == "other", report.error
    assert [s.kind for s in report.steps] == ["runtime"]
    text = Path(report.fixed_file).read_text()
    drawn = "[m for m in self.mobjects if m.has_points() or m.submobjects]"
    assert f"everything = Group(*{drawn})" in text and f"FadeOut({drawn}[-1])" in text
    assert "return len(self.mobjects)" in text  # another method: left as written


def test_a_morph_manim_cannot_make_becomes_a_fade_transform(tmp_path):
    """Solids whose faces do not pair up point for point ("operands could not be broadcast
    together with shapes (12,3) (16,3)", "zip() argument 2 is longer than argument 1"): each
    such morph cross-fades instead, the next one found by the run after; a Transform whose
    source the method uses again is left (a fade would leave the target on screen instead)."""
    path = _write(tmp_path, """
        class S(ThreeDScene):
            def construct(self):
                a, b, c = Tetrahedron(), Cube(), Octahedron()
                self.play(Transform(a, b), run_time=0.2)
                self.play(ReplacementTransform(b, c, run_time=0.2))
        """)
    report = _fix(path)
    assert report.ok and report.error_class == "other", report.error
    assert [s.kind for s in report.steps] == ["runtime", "runtime"]
    text = Path(report.fixed_file).read_text()
    assert "self.play(FadeTransform(a, b), run_time=0.2)" in text
    assert "self.play(FadeTransform(b, c, run_time=0.2))" in text

    kept = _write(tmp_path, """
        class S(ThreeDScene):
            def construct(self):
                a, b = Tetrahedron(), Cube()
                self.play(Transform(a, b), run_time=0.2)
                self.play(a.animate.shift(UP), run_time=0.2)
        """)
    report = _fix(kept)
    assert not report.ok and "broadcast" in report.error and report.fixed_file is None


def test_keywords_a_helper_passes_on_with_its_kwargs(tmp_path):
    """A helper that sets a keyword itself and passes its callers' **kwargs on: a caller that
    gives the same keyword ("got multiple values for keyword argument 'bar_names'") has it
    override the helper's, which stays the default; a keyword the class does not take, given
    by the callers, is cured where they give it (the failing call shows only **kwargs)."""
    path = _write(tmp_path, """
        class S(Scene):
            def chart(self, values, **kwargs):
                return BarChart(values, bar_names=["a", "b"], y_range=[0, 4, 1], **kwargs)

            def construct(self):
                self.add(self.chart([1, 2], bar_names=["x", "y"]))
                self.add(self.chart([3, 1], bar_fill_color=RED).shift(DOWN))
        """)
    report = _fix(path)
    assert report.ok and report.error_class == "other", report.error
    text = Path(report.fixed_file).read_text()
    assert "BarChart(values, bar_names=kwargs.pop('bar_names', ['a', 'b']), y_range=[0, 4, 1], **kwargs)" in text
    assert 'self.add(self.chart([1, 2], bar_names=["x", "y"]))' in text  # the caller's own kept
    assert "self.add(self.chart([3, 1]).shift(DOWN))" in text
    assert "# fix: removed bar_fill_color= from BarChart()" in text


@pytest.mark.render
def test_a_missing_picture_gets_a_stand_in_only_when_lossy_fixes_are_allowed(tmp_path):
    """A picture and an SVG file the scene names and nobody gave it: no rewrite brings them, so
    `fix` fails; with --allow-removals each becomes a grey card with its name (counted as
    stand-ins, not removals), every statement that used them kept, and the scene renders."""
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                photo = ImageMobject("figures/photo.jpg").scale(0.5)
                logo = SVGMobject(file_name="logo.svg", height=1, color=BLUE).to_corner(UL)
                self.play(FadeIn(photo), Create(logo), run_time=0.5)
        """)
    faithful = _fix(path)
    assert not faithful.ok and "could not find figures/photo.jpg" in faithful.error
    # counted and reported as a missing file (what the user has to give), not as code to fix
    assert faithful.error_class == "missing_file" and faithful.missing_file == "figures/photo.jpg"
    lossy = fix_file(path, render=True, timeout=120, allow_removals=True)
    assert lossy.ok and lossy.stand_ins == 2 and lossy.removals == 0, lossy.error
    assert [s.kind for s in lossy.steps] == ["stand_in", "stand_in"]
    text = Path(lossy.fixed_file).read_text()
    assert 'ImageMobject(missing_image(\'figures/photo.jpg\')).scale(0.5)' in text
    assert "MissingSVG(file_name='logo.svg', height=1, color=BLUE).to_corner(UL)" in text
    with av.open(lossy.rendered) as video:
        assert video.streams.video[0].height == 480 and video.duration / 1e6 == pytest.approx(0.5, abs=0.1)


def test_only_a_bare_call_on_its_own_lines_is_removed():
    from code2video_jupyter.repair.cures.removal import MARK, MAX_REMOVALS, removal_cure

    head = "from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
    assign = head + "        lbl = Axes().add_label('x')\n        self.add(lbl)\n"
    assert removal_cure(assign, "AttributeError", "no attribute 'add_label'", 5) is None
    shared = head + "        a = Dot(); self.add(a.glow())\n"
    assert removal_cure(shared, "AttributeError", "no attribute 'glow'", 5) is None
    multi = head + "        self.play(\n            Dot().glow(),\n            run_time=2)\n        self.wait()\n"
    cure = removal_cure(multi, "AttributeError", "Dot object has no attribute 'glow'", 6)
    assert cure is not None and cure.fixes[0].line == 5
    lines = cure.source.splitlines()
    assert len(lines) == len(multi.splitlines()) and lines[-1] == "        self.wait()"
    assert lines[4].startswith(f"        pass  {MARK} (AttributeError") and lines[5] == "        # Dot().glow(),"
    assert removal_cure(multi, "SyntaxError", "invalid syntax", 6) is None
    # an error about values is not answered by a removal, nor is a wait removed for an updater
    assert removal_cure(multi, "ValueError", "operands could not be broadcast", 6) is None
    waits = head + "        self.wait(20)\n"
    assert removal_cure(waits, "TypeError", "name 'dt' is not defined", 5) is None
    # the name the error is about must be in the statement (else a helper it calls raised)
    assert removal_cure(multi, "AttributeError", "Dot object has no attribute 'spin'", 6) is None
    # at most MAX_REMOVALS per file
    many = head + "".join(f"        Dot().glow({k})\n" for k in range(6))
    for k in range(6):
        cure = removal_cure(many, "AttributeError", "Dot object has no attribute 'glow'", 5 + k)
        if k < MAX_REMOVALS:
            many = cure.source
        else:
            assert cure is None


def test_a_tex_part_is_isolated_only_where_latex_reads_the_same():
    from code2video_jupyter.repair.cures.tex_parts import isolable

    assert isolable(r"\bar{\psi}(i \gamma^\mu D_\mu)\psi", r"\psi")
    assert isolable(r"\tfrac{1}{4}F_{\mu\nu}", r"F_{\mu\nu}")
    assert isolable(r"(x + y)", "x")
    assert not isolable(r"\exp(x)", "x")  # manim would mark the x inside the command name
    assert not isolable(r"x^2", "2")  # the argument of a script
    assert not isolable(r"\frac{1}{2}", "{1}")  # the argument of a command
    assert not isolable(r"\mul", r"\mu")  # the start of a longer command
    assert not isolable(r"\sqrt{2}", r"\sqrt")  # a command cut from its argument
    assert not isolable(r"a + b", "c")  # not there at all
    assert not isolable(r"{a} + b", "{a")  # unbalanced



def test_only_the_files_a_scene_names_go_to_the_sandbox(tmp_path):
    # `fix` on a scene in a big folder (a home, Downloads) must not send the folder to each run
    (tmp_path / "img").mkdir()
    Image.new("RGB", (4, 4), "red").save(tmp_path / "img" / "diagram.png")
    (tmp_path / "unrelated.bin").write_bytes(bytes(1024))
    path = _write(tmp_path, """
        class S(Scene):
            def construct(self):
                self.add(ImageMobject("img/diagram").scale(0.5))
                self.play(FadeIn(Text(f"{ValueTracker(2).get_value:.1f}")), run_time=0.2)
        """)
    picked = find_data_files(path, path.read_text()).copy_beside(tmp_path / "picked")
    assert picked is not None
    assert sorted(p.name for p in Path(picked).rglob("*") if p.is_file()) == ["diagram.png"]
    report = _fix(path)  # the image is found in the sandbox; the getter gets its call
    assert report.ok, report.error
    assert "get_value():.1f" in Path(report.fixed_file).read_text()


def test_a_cure_that_fails_is_skipped_and_the_others_still_apply(monkeypatch, caplog):
    # a bug of one cure on input nobody foresaw must not end the repair
    from code2video_jupyter.repair import runtime_fixes as module

    def broken(*args):
        raise KeyError("a cure's own bug")

    monkeypatch.setattr(module, "vector_method_cure", broken)
    source = ("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
              "        a = ValueTracker(1)\n        self.add(Text(f'{a.get_value:.1f}'))\n")
    message = "unsupported format string passed to method.__format__"
    cures = runtime_fixes(source, "TypeError", message, 6, load_namespace())
    assert [c.name for c in cures] == ["uncalled getter"]
    cures = runtime_fixes(source, "AttributeError", "'numpy.ndarray' object has no attribute 'x'", 6,
                          load_namespace())
    assert cures == [] and "cure broken failed" in caplog.text


def test_a_label_text_is_not_made_an_index():
    # line.get_label("a") is no item of get_labels(): the plural accessor needs a position
    from code2video_jupyter.repair.cures.arguments import singular_accessor_cure
    source = ("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
              "        m = Matrix([[1, 2]])\n        self.add(m.get_column(0), m.get_column('a'))\n")
    message = "Mobject.__getattr__.<locals>.getter() takes 1 positional argument but 2 were given"
    cure = singular_accessor_cure(source, message, 6, load_namespace())
    assert cure is not None and "m.get_columns()[0]" in cure.source and "get_column('a')" in cure.source


def test_a_class_the_rendered_scene_needs_is_never_dropped():
    from code2video_jupyter.repair.cures.unused_classes import unused_class_cure

    source = textwrap.dedent("""\
        from manim import *

        class Chat(TeacherStudentsScene):
            pass

        class S(Chat):
            def construct(self):
                pass

        class T(Scene):
            def construct(self):
                self.add(Chat.title)
        """)
    message = "name 'TeacherStudentsScene' is not defined"
    assert unused_class_cure(source, message, 3, "S") is None  # built on it
    assert unused_class_cure(source, message, 3, "T") is None  # uses it
    assert unused_class_cure(source, message, 3, None) is None  # which scene is rendered: unknown


def test_a_read_only_name_read_before_the_scene_sets_it_keeps_manims_value():
    # one step, no wrong intermediate: the read made at once (always_redraw calls its function,
    # plot its own) saw manim's clock; the updater's, kept for later, reads the program's value
    from code2video_jupyter.repair.cures.read_only import read_only_attribute_cure

    source = textwrap.dedent("""
        class S(Scene):
            def construct(self):
                ax = Axes()
                wave = always_redraw(lambda: ax.plot(lambda x: np.sin(x - self.time)))
                dot = Dot().add_updater(lambda m: m.set_x(self.time))
                self.time = 0
                self.add(ax, wave, dot)
        """)
    cure = read_only_attribute_cure(source, "AttributeError: property 'time' of 'S' object has no setter", 7)
    assert cure is not None
    assert "np.sin(x - self.time)" in cure.source
    assert "m.set_x(self.time_)" in cure.source and "self.time_ = 0" in cure.source


def test_a_vgroup_given_points_is_not_made_a_group():
    # a Group refuses a point as a VGroup does: a VGroup -> Group there fixes nothing
    source = ("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
              "        g = VGroup(*[LEFT, Dot()])\n")
    head = "Only values of type VMobject can be added as submobjects of VGroup, but the value "
    assert not runtime_fixes(source, "TypeError", head + "[-1. 0. 0.] (at index 0) is of type ndarray.", 5)
    cures = runtime_fixes(source, "TypeError", head + "ImageMobject (at index 0) is of type ImageMobject.", 5)
    assert any("g = Group(" in c.source for c in cures)
