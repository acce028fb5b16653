"""The ManimGL -> Manim Community port: the map (derived + curated) and port_source, on small
GL programs written for these tests. Each class of rewrite, the never-worse rule (a rewrite the
namespace index cannot confirm is not made), valid CE code left byte-identical, and ported
programs that really run in manim CE."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from code2video_jupyter.repair import check_source, fix_source, load_namespace
from code2video_jupyter.repair.gl_map import load_gl_map
from code2video_jupyter.repair.gl_port import port_source
from code2video_jupyter.repair.namespace import Namespace

from .corpus import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ns():
    return load_namespace()


@pytest.fixture(scope="module")
def gl():
    return load_gl_map()


def port(src: str, ns: Namespace) -> tuple[str, list]:
    return port_source(textwrap.dedent(src).lstrip(), ns)


def without(ns: Namespace, *, names: tuple[str, ...] = (), attrs: dict[str, tuple[str, ...]] | None = None,
            ) -> Namespace:
    """A copy of the index with some CE names or class attributes gone (as if manim dropped
    them), to check that the port then leaves the code alone."""
    data = dict(ns.data)
    data["star"] = {k: v for k, v in ns.star.items() if k not in names}
    data["manim_star"] = [k for k in ns.manim_names if k not in names]
    classes = {k: dict(v) for k, v in ns.classes.items()}
    for cls, gone in (attrs or {}).items():
        key = ns.class_key(cls)
        for k in [key, *classes[key]["mro"]]:
            if k in classes:
                classes[k]["attrs"] = [a for a in classes[k]["attrs"] if a not in gone]
                classes[k]["methods"] = {m: v for m, v in classes[k]["methods"].items() if m not in gone}
    data["classes"] = classes
    return Namespace(data)


# --- the map ------------------------------------------------------------------------------------
def test_the_map_was_derived_for_the_installed_manim(gl, ns):
    # Upgrading manim: re-run scripts/derive_gl_map.py (see its docstring), then these tests.
    assert gl.sources["manim_ce"] == ns.version


def test_the_most_used_gl_names_and_methods_all_have_a_decision(gl):
    for section in ("names", "methods"):
        top = gl.ranked(section, 150)
        assert len(top) == 150 and top[0].uses > top[-1].uses > 0
        assert [e.gl for e in top if not e.decided] == [], section


def test_every_curated_entry_says_why_and_points_at_a_real_ce_name(gl, ns):
    import tomllib

    curated = tomllib.loads((ROOT / "code2video_jupyter/repair/data/gl_map_curated.toml").read_text())
    for section, entries in curated.items():
        if section == "dict_kwargs":
            continue
        for name, entry in entries.items():
            items = entry.items() if section in ("kwargs", "method_kwargs") else [(None, entry)]
            for _, e in items:
                assert e.get("reason"), (section, name)
    for name, entry in curated["names"].items():
        if entry["decision"] == "renamed":
            assert entry.get("ce") in ns.star_names, name
    for method, entry in curated["methods"].items():
        if entry["decision"] in ("renamed", "same"):
            target = entry.get("ce", method)
            owner = entry.get("owner")
            key = ns.class_key(gl.class_info(owner).ce) if owner else None
            assert (ns.has_attr(key, target) if key else any(
                target in c["attrs"] for k, c in ns.classes.items() if ".opengl." not in k)), method
    for cls, kws in curated["kwargs"].items():
        key = ns.class_key(gl.class_info(cls).ce)
        accepted, _ = ns.init_params(key)
        for kw, entry in kws.items():
            if entry["decision"] == "renamed":
                assert entry["ce"] in accepted, (cls, kw)


def test_derived_decisions_hold_against_the_index(gl, ns):
    for name, entry in gl.names.items():
        if entry.curated or entry.decision not in ("same", "renamed"):
            continue
        assert entry.ce in ns.star_names, name
    axes = gl.class_info("FadeIn")
    assert axes.gl_positional[:2] == ("mobject", "shift") and axes.ce_varargs == "mobjects"


# --- detection and valid CE code ----------------------------------------------------------------
CE_PROGRAMS = [
    """
    from manim import *

    class A(Scene):
        def construct(self):
            t = Tex("Hello $x^2$")  # CE's Tex is text mode: it stays
            eq = MathTex("x^2")
            self.play(FadeIn(t, shift=UP), Write(eq))
            b = always_redraw(lambda: Brace(eq, DOWN))
            self.add(b)
            self.embed()
    """,
    """
    from manim import *

    class B(MovingCameraScene):
        def construct(self):
            self.play(self.camera.frame.animate.scale(0.5))
            self.wait()
    """,
    """
    from manim import *

    class C(ThreeDScene):
        def construct(self):
            self.set_camera_orientation(phi=70 * DEGREES, theta=-120 * DEGREES)
            self.add(Sphere())
            self.move_camera(theta=30 * DEGREES, run_time=2)
    """,
    """
    from manim import *

    class D(Scene):
        def construct(self):
            self.frame = Rectangle()  # the scene's own attribute, not GL's camera frame
            self.play(self.frame.animate.shift(UP))
    """,
]


@pytest.mark.parametrize("src", CE_PROGRAMS)
def test_valid_ce_code_comes_out_byte_identical(src, ns):
    text = textwrap.dedent(src).lstrip()
    out, fixes = port_source(text, ns)
    assert out is text and fixes == []
    assert fix_source(text, ns).source == text


def test_the_correct_corpus_and_compiled_lessons_are_untouched(ns):
    from code2video_jupyter.compiler import compile_section
    from code2video_jupyter.lesson import read_lesson

    sources = [c.source for c in load("correct")]
    for lesson in sorted((ROOT / "notebooks/lessons").glob("*.md")):
        sources += [compile_section(s) for s in read_lesson(lesson).sections]
    assert len(sources) > 20
    for src in sources:
        assert port_source(src, ns) == (src, [])


def test_gl_only_rewrites_wait_for_a_gl_file(ns):
    ce = "from manim import *\n\nclass A(Scene):\n    def construct(self):\n        self.add(Tex('x'))\n"
    assert port_source(ce, ns)[0] == ce
    marked = ce.replace("self.add(Tex('x'))", "self.add(Tex('x'), TexText('y'))")
    out, _ = port_source(marked, ns)
    assert "MathTex('x')" in out and "Tex('y')" in out  # TexText makes it a GL file


def test_broken_apis_are_ported_in_a_ce_file_too(ns):
    out, fixes = port("""
        from manim import *

        class A(Scene):
            def construct(self):
                c = Circle()
                self.play(ShowCreation(c), FlashAround(c))
        """, ns)
    assert "Create(c)" in out and "Circumscribe(c)" in out and "from manim import *" in out
    assert {f.category for f in fixes} == {"renamed_api"}


# --- imports and scene classes ------------------------------------------------------------------
def test_gl_imports_become_one_ce_star_import_with_the_modules_gl_gave(ns):
    out, fixes = port("""
        from manimlib import *
        from manimlib.mobject.geometry import Circle

        class A(InteractiveScene):
            def construct(self):
                xs = list(it.chain([1], [2]))
                self.add(Circle().shift(math.pi * LEFT))
        """, ns)
    assert out.splitlines()[:3] == ["from manim import *", "import itertools as it", "import math"]
    assert "manimlib" not in out and "class A(Scene):" in out
    assert [f.category for f in fixes].count("import") == 2


def test_a_file_that_already_imports_manim_loses_only_the_gl_import(ns):
    out, _ = port("""
        from manim import *
        from manim_imports_ext import *

        class A(Scene):
            def construct(self):
                self.add(TexText("hi"))
        """, ns)
    assert out.count("from manim import *") == 1 and "manim_imports_ext" not in out


# --- names, calls, keywords ---------------------------------------------------------------------
def test_gl_names_become_ce_names_and_expressions(ns):
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                eq = Tex("e^{i\\\\pi} = -1", t2c={"e": BLUE}, isolate=["="])
                words = TexText("Euler")
                v = get_norm(RIGHT + UP) * FRAME_WIDTH
                self.play(ShowCreation(eq), Rotate(words, 30 * DEG))
        """, ns)
    assert "MathTex('e^{i\\\\pi} = -1', tex_to_color_map={'e': BLUE}, substrings_to_isolate=['='])" in out
    assert "Tex('Euler')" in out and "TexText" not in out
    assert "np.linalg.norm(RIGHT + UP) * config.frame_width" in out
    assert "Create(eq)" in out and "30 * DEGREES" in out
    assert check_source(out, ns).ok, [str(i) for i in check_source(out, ns).errors]


def test_keyword_arguments_are_renamed_dropped_or_set_afterwards(ns):
    out, fixes = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                axes = Axes((0, 5), (0, 3), width=8, height=4,
                            axis_config=dict(big_tick_numbers=[1], stroke_width=2))
                arrow = Arrow(LEFT, RIGHT, thickness=4)
                img = ImageMobject("logo.png", height=2)
                t = Text("hi", alignment="LEFT")
        """, ns)
    assert ("Axes((0, 5), (0, 3), x_length=8, y_length=4, "
            "axis_config=dict(numbers_with_elongated_ticks=[1], stroke_width=2))") in out
    assert "Arrow(LEFT, RIGHT, stroke_width=4)" in out
    assert "ImageMobject('logo.png').set(height=2)" in out
    assert "Text('hi')" in out and any(f.category == "dropped_kwarg" for f in fixes)


def test_gl_positional_arguments_move_to_their_ce_keywords(ns):
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                r = Rectangle(4, 2)
                group = VGroup(r, Circle())
                self.play(FadeIn(r, UP), FadeOut(group, DOWN, scale=0.5))
                self.play(LaggedStartMap(FadeIn, group, lag_ratio=0.2))
        """, ns)
    assert "Rectangle(width=4, height=2)" in out
    assert "FadeIn(r, shift=UP)" in out and "FadeOut(group, scale=0.5, shift=DOWN)" in out
    assert "LaggedStartMap(FadeIn, group, lag_ratio=0.2)" in out  # same slots, other names


def test_templates_and_the_gl_function_forms(ns):
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                sq = Square()
                dots = Dot().get_grid(3, 4, height=2)
                copies = sq.replicate(5)
                brace = always_redraw(Brace, sq, UP)
                n = DecimalNumber(0)
                n.f_always.set_value(sq.get_width)
                sq.set_backstroke(BLACK, 5)
                self.play(ShowCreationThenFadeOut(sq, run_time=2))
        """, ns)
    assert "VGroup(*(Dot().copy() for _ in range(3 * 4))).arrange_in_grid(3, 4).set(height=2)" in out
    assert "VGroup(*(sq.copy() for _ in range(5)))" in out
    assert "always_redraw(lambda: Brace(sq, UP))" in out
    assert "f_always(n.set_value, sq.get_width)" in out
    assert "sq.set_stroke(color=BLACK, width=5, background=True)" in out
    assert "Succession(Create(sq), FadeOut(sq), run_time=2)" in out


def test_a_template_places_the_keywords_it_names_and_the_others(ns):
    # GL's axes.get_tangent_line(x, graph, length=, **line_kwargs): the length where the
    # template says, its default when not given, the line's own keywords into Line(...)
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                axes = Axes()
                g = axes.get_graph(lambda x: x ** 2)
                t = axes.get_tangent_line(1, g, length=4, color=YELLOW)
                u = axes.get_tangent_line(2, g)
                v = axes.get_tangent_line(1, g, length=3, no_such=1)
        """, ns)
    assert ("Line(axes.i2gp(1, g), axes.i2gp(1 + 1e-06, g), color=YELLOW).set_length(4)"
            ".move_to(axes.i2gp(1, g))") in out
    assert "Line(axes.i2gp(2, g), axes.i2gp(2 + 1e-06, g)).set_length(5)" in out
    assert "axes.get_tangent_line(1, g, length=3, no_such=1)" in out  # Line takes no such keyword


def test_methods_by_the_receivers_class_and_by_the_map_when_unknown(ns):
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                axes = Axes((0, 3), (0, 9))
                g = axes.get_graph(lambda x: x**2)
                p = g.pfp(0.5)
                h = self.axes_from_elsewhere().get_graph(lambda x: x)
                line = axes.get_v_line(p)
                self.add(axes.get_graph_label(g, "x^2", x=2))
        """, ns)
    assert "axes.plot(lambda x: x ** 2)" in out and "g.point_from_proportion(0.5)" in out
    assert "self.axes_from_elsewhere().plot(lambda x: x)" in out
    assert "axes.get_vertical_line(p)" in out and "get_graph_label(g, 'x^2', x_val=2)" in out


def test_the_files_own_methods_and_names_are_not_touched(ns):
    src = """
        from manimlib import *

        def get_norm(v):
            return abs(v)

        class A(Scene):
            def get_graph(self, f):
                return f

            def construct(self):
                self.add(Dot().shift(get_norm(-1) * RIGHT))
                self.get_graph(lambda x: x)
                Dot().get_graph(1)
        """
    out, _ = port(src, ns)
    assert "get_norm(-1)" in out and out.count("get_graph(") == 3 and "plot" not in out


# --- scenes and the camera ----------------------------------------------------------------------
def test_a_moving_frame_makes_a_moving_camera_scene(ns):
    out, _ = port("""
        from manimlib import *

        class Base(InteractiveScene):
            pass

        class A(Base):
            def construct(self):
                frame = self.frame
                self.play(self.frame.animate.scale(0.5).move_to(RIGHT))
                self.play(frame.animate.set_height(4))
                self.frame.to_default_state()
        """, ns)
    assert "class Base(MovingCameraScene):" in out and "class A(Base):" in out
    assert "frame = self.camera.frame" in out
    assert "self.play(self.camera.frame.animate.scale(0.5).move_to(RIGHT))" in out
    # ScreenRectangle has no to_default_state: left as it was...
    assert "self.frame.to_default_state()" in out
    # ...for the gate, which reports it
    out, _ = port("""
        from manimlib import *

        class B(Scene):
            def construct(self):
                self.play(self.frame.animate.shift(UP))
                self.frame.to_default_state()
        """, ns)
    assert "class B(MovingCameraScene):" in out and "self.camera.frame.animate.shift(UP)" in out
    assert [i.name for i in check_source(out, ns).errors] == ["frame"]


def test_turning_the_frame_makes_a_three_d_scene_with_ce_angles(ns):
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                frame = self.frame
                frame.reorient(-30, 70)
                self.add(Sphere())
                title = Text("Sphere")
                title.fix_in_frame()
                self.play(frame.animate.reorient(20, 60, 0), FadeIn(title), run_time=2)
                self.play(self.frame.animate.increment_theta(-20 * DEG))
                frame.add_updater(lambda m, dt: m.increment_theta(0.1 * dt))
                self.wait()
                frame.clear_updaters()
                self.frame.set_euler_angles(theta=PI / 4, phi=PI / 3)
        """, ns)
    assert "class A(ThreeDScene):" in out and "frame = self" not in out
    assert "self.set_camera_orientation(theta=-120 * DEGREES, phi=70 * DEGREES)" in out
    assert "self.camera.add_fixed_in_frame_mobjects(title)" in out
    assert ("self.move_camera(theta=-70 * DEGREES, phi=60 * DEGREES, gamma=0 * DEGREES, "
            "added_anims=[FadeIn(title)], run_time=2)") in out
    assert "self.camera.theta_tracker.animate.increment_value(-20 * DEGREES)" in out
    assert "self.begin_ambient_camera_rotation(rate=0.1)" in out
    assert "self.stop_ambient_camera_rotation()" in out
    assert "self.set_camera_orientation(theta=PI / 4 - PI / 2, phi=PI / 3)" in out
    assert check_source(out, ns).ok, [str(i) for i in check_source(out, ns).errors]


def test_gl_three_d_scenes_start_at_gls_default_angles(ns):
    out, _ = port('''
        from manimlib import *

        class A(ThreeDScene):
            def construct(self):
                """A sphere."""
                self.add(Sphere())

        class B(Scene):
            default_frame_orientation = (10, 45)

            def construct(self):
                self.add(Cube())
        ''', ns)
    lines = out.splitlines()
    assert lines[lines.index('        """A sphere."""') + 1] == \
        "        self.set_camera_orientation(phi=70 * DEGREES, theta=-120 * DEGREES)"
    assert "class B(ThreeDScene):" in out
    assert "self.set_camera_orientation(phi=45 * DEGREES, theta=-80 * DEGREES)" in out


def test_gl_only_scene_calls_and_renderer_settings_are_dropped(ns):
    out, fixes = port("""
        from manimlib import *

        class A(InteractiveScene):
            def construct(self):
                s = Square()
                s.fix_in_frame()
                s.apply_depth_test().set_shading(0.5, 0.5, 0.5)
                self.add(s)
                if s.get_width() > 1:
                    self.embed()
                always(s.move_to, self.mouse_point)
        """, ns)
    assert "fix_in_frame" not in out and "embed" not in out and "set_shading" not in out
    assert "        self.add(s)" in out and "            pass" in out  # the if keeps a body
    assert "always(s.move_to, Point())" in out
    assert all(f.category in ("gl_port", "import", "renamed_api") for f in fixes)


# --- never worse --------------------------------------------------------------------------------
GL_PROGRAM = """
    from manimlib import *

    class A(Scene):
        def construct(self):
            axes = Axes((0, 3), (0, 9))
            g = axes.get_graph(lambda x: x**2)
            self.play(ShowCreation(g), FlashAround(axes))
    """


def test_a_rename_whose_ce_name_is_missing_is_not_made(ns):
    out, _ = port(GL_PROGRAM, without(ns, names=("Create",)))
    assert "ShowCreation(g)" in out and "Circumscribe(axes)" in out


def test_a_method_the_ce_class_lacks_is_not_renamed_to(ns):
    out, _ = port(GL_PROGRAM, without(ns, attrs={"Axes": ("plot",)}))
    assert "axes.get_graph(" in out and "Create(g)" in out


def test_a_call_with_keywords_the_ce_class_rejects_keeps_its_gl_name(ns):
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                c = Circle()
                self.play(FlashAround(c, wobble=3), FlashAround(c, color=RED))
        """, ns)
    assert "FlashAround(c, wobble=3)" in out and "Circumscribe(c, color=RED)" in out


def test_a_template_never_writes_a_call_twice(ns):
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                self.play(ShowCreationThenFadeOut(Square()))
        """, ns)
    assert "ShowCreationThenFadeOut(Square())" in out  # Create(one square), FadeOut(another): no


def test_a_template_with_a_missing_ce_name_is_not_used(ns):
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                c = Circle()
                self.play(ShowCreationThenFadeOut(c))
        """, without(ns, names=("Succession",)))
    assert "ShowCreationThenFadeOut(c)" in out


def test_without_three_d_support_the_frame_is_left_for_the_gate(ns):
    out, _ = port("""
        from manimlib import *

        class A(Scene):
            def construct(self):
                self.frame.reorient(20, 70)
        """, without(ns, attrs={"ThreeDScene": ("set_camera_orientation",)}))
    assert "self.frame.reorient(20, 70)" in out


def test_unparsable_code_is_returned_as_is(ns):
    src = "from manimlib import *\nclass A(Scene):\n    def construct(self)\n"
    assert port_source(src, ns) == (src, [])


# --- end to end: ported GL programs run in manim CE ---------------------------------------------
E2E = {
    "Graphs": """
        from manimlib import *

        class Graphs(InteractiveScene):
            def construct(self):
                title = TexText("Parabolas")
                title.to_edge(UP)
                axes = Axes((-3, 3), (0, 9), width=6, height=4)
                axes.add_coordinate_labels(font_size=20)
                graph = axes.get_graph(lambda x: x**2, color=YELLOW)
                label = Tex("y = x^2", t2c={"x": BLUE})
                label.next_to(graph.pfp(0.9), RIGHT)
                dot = Dot(axes.i2gp(1, graph))
                brace = always_redraw(Brace, dot, DOWN)
                self.play(Write(title), ShowCreation(axes))
                self.play(ShowCreation(graph), FadeIn(label, UP))
                self.add(dot, brace)
                self.play(FlashAround(label), dot.animate.shift(0.2 * RIGHT))
                self.play(self.frame.animate.scale(0.8).move_to(label))
                box = Rectangle(2, 1)
                self.play(ShowCreationThenFadeOut(box))
                self.wait(0.1)
        """,
    "Turning": """
        from manimlib import *

        class Turning(ThreeDScene):
            def construct(self):
                frame = self.frame
                axes = ThreeDAxes()
                sphere = Sphere(radius=1.5)
                sphere.set_shading(0.5, 0.5, 0.5)
                words = Text("A sphere")
                words.fix_in_frame()
                words.to_corner(UL)
                self.add(axes, words)
                self.play(ShowCreation(sphere), frame.animate.reorient(20, 60), run_time=1)
                self.play(self.frame.animate.increment_theta(-30 * DEG))
                frame.add_updater(lambda m, dt: m.increment_theta(0.2 * dt))
                self.wait(0.5)
                frame.clear_updaters()
                self.embed()
        """,
}


def _dry_run(path: Path, scene: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "manim", "render", "-ql", "--dry_run",
                           "--media_dir", str(media), path.name, scene],
                          cwd=path.parent, capture_output=True, text=True, timeout=600, env=env)


@pytest.mark.render
@pytest.mark.parametrize("scene", sorted(E2E))
def test_a_ported_gl_program_runs_in_manim_ce(scene, ns, tmp_path):
    gl_src = textwrap.dedent(E2E[scene]).lstrip()
    # As written (only the import swapped), manim CE cannot run it...
    naive = tmp_path / "naive.py"
    naive.write_text(gl_src.replace("from manimlib import *", "from manim import *"))
    assert _dry_run(naive, scene, tmp_path / "m1").returncode != 0
    # ...the port alone makes it run, and the whole static pass keeps it so.
    ported, fixes = port_source(gl_src, ns)
    assert len(fixes) >= 10
    ast.parse(ported)
    for name, text in (("ported.py", ported), ("fixed.py", fix_source(gl_src, ns).source)):
        path = tmp_path / name
        path.write_text(text)
        proc = _dry_run(path, scene, tmp_path / f"m-{name}")
        assert proc.returncode == 0, (text, proc.stderr[-3000:])
