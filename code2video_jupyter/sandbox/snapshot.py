"""The sandboxed half of the layout probe: imported only by the render child (it imports manim),
after the limits are in place and before the untrusted scene module is loaded.

``install()`` hooks a few manim methods so that every mobject remembers the scene-file line that
created it and every label remembers what it was placed next to; ``attach()`` wraps the
renderer's ``play`` (``wait`` goes through it too) so that after each animation the visible
mobjects are measured: boxes, text sizes, opacities, draw order, stroke outlines. The parent
(critic.probe) turns the JSON written by ``write()`` into findings; nothing is judged here.

Mid-animation states (sandbox.midstate): a play that moves something is also evaluated at a
few interpolation points, still without drawing; those states go to ``midstates`` with the
play's source line and which mobjects belong together (critic.motion judges them).

Elements: every visible top-level mobject is walked down through plain groups (VGroup, Group);
a text class (Text, MathTex, Paragraph, Code, DecimalNumber...) is one *text* element and is not
split further; any other class (Circle, Axes, Table, BraceLabel...) is one *shape* element made
of its non-text parts, and the texts inside it are its "own parts" (``owner``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
import weakref
from pathlib import Path
from typing import Any

import numpy as np
from manim import (
    DEFAULT_FONT_SIZE,
    BackgroundRectangle,
    Brace,
    Code,
    Cross,
    DecimalNumber,
    FullScreenRectangle,
    Group,
    ImageMobject,
    MarkupText,
    Mobject,
    NumberPlane,
    Paragraph,
    PMobject,
    Scene,
    ScreenRectangle,
    SingleStringMathTex,
    SurroundingRectangle,
    Text,
    Transform,
    VDict,
    VGroup,
    VMobject,
    Wait,
    config,
)
from manim.mobject.types.image_mobject import AbstractImageMobject
from manim.utils.family import extract_mobject_family_members

from ..store import atomic
from ..thresholds import (
    GLYPH_UNITS_PER_POINT,
    OPAQUE_FILL,
    TEX_GLYPH_UNITS_PER_POINT,
    VISIBLE_MIN_OPACITY,
)
from . import midstate

SNAPSHOT_VERSION = 2  # 2: glyph counts, play lines and start times, mid-animation states
TEXT_CLASSES = (Text, MarkupText, Paragraph, SingleStringMathTex, Code, DecimalNumber)
PLAIN_GROUPS = (VGroup, Group, VDict, VMobject, Mobject)  # exact types only
# Full-bleed backgrounds: never "clipped", never overlapping anything.
BACKGROUNDS = (NumberPlane, FullScreenRectangle, ScreenRectangle, BackgroundRectangle)
# Drawn around or across a mobject on purpose: frames and marks, not collisions.
CONTAINERS = (SurroundingRectangle, Cross)
_NUMERIC = re.compile(r"^[\s\-−+$€£%()]*[\d.,\s]*\d[\d.,\s%]*$")
_SCAFFOLD_SCENE = str(Path(__file__).resolve().parents[1] / "scaffold" / "scene.py")
_BERNSTEIN = None  # cubic Bezier weights for the outline samples, built on first use


class Recorder:
    """Collects snapshots of one scene; one instance per sandboxed run."""

    def __init__(self, scene_file: str, quality: str) -> None:
        self.scene_files = {scene_file, os.path.realpath(scene_file)}
        self.quality = quality
        self.snapshots: list[dict[str, Any]] = []
        self.records: list[dict[str, Any]] = []
        self._record_index: dict[str, int] = {}
        self.geometry: dict[str, list[float]] = {}
        self.setup_ids: set[int] = set()
        self.seconds = 0.0
        self.scene_name: str | None = None
        self.lecture = False
        self.output: dict[str, Any] = {}
        self.errors: list[str] = []
        self.motion = True  # mid-animation states (their cost is measured: motion_seconds)
        self.midstates: list[dict[str, Any]] = []
        self.plays: list[dict[str, Any]] = []
        self.motion_seconds = 0.0
        self._play_line: int | None = None
        self._play: dict[str, Any] | None = None
        self._reuse: dict[int, list[int]] = {}

    # --- hooks -------------------------------------------------------------------------------
    def _origin(self) -> tuple[int | None, bool]:
        """(line in the scene file, made by the scaffold's scene code) of the current call."""
        f = sys._getframe(2)
        chrome = False
        files = self.scene_files
        while f is not None:
            name = f.f_code.co_filename
            if name in files:
                return f.f_lineno, chrome
            if name == _SCAFFOLD_SCENE:
                chrome = True
            f = f.f_back
        return None, chrome

    def install(self) -> None:
        rec = self
        init = Mobject.__init__

        def mobject_init(mob: Mobject, *args: Any, **kwargs: Any) -> None:
            mob.__dict__["_c2v_origin"] = rec._origin()
            init(mob, *args, **kwargs)

        Mobject.__init__ = mobject_init  # type: ignore[method-assign]

        copy = Mobject.copy

        def hooked_copy(mob: Mobject) -> Mobject:
            out = copy(mob)
            # a copy remembers its original: TransformFromCopy's copy and its source belong together
            for a, b in zip(mob.get_family(), out.get_family(), strict=False):
                b.__dict__["_c2v_copy_of"] = id(a)
            return out

        Mobject.copy = hooked_copy  # type: ignore[method-assign]

        par_init = Paragraph.__init__

        def paragraph_init(par: Paragraph, *args: Any, **kwargs: Any) -> None:
            par_init(par, *args, **kwargs)
            # A Paragraph has no font_size of its own: remember size and height at creation.
            if par.height > 0:
                par.__dict__["_c2v_ref"] = (float(kwargs.get("font_size", DEFAULT_FONT_SIZE)), par.height)

        Paragraph.__init__ = paragraph_init  # type: ignore[method-assign]

        next_to = Mobject.next_to

        def hooked_next_to(mob: Mobject, *args: Any, **kwargs: Any) -> Mobject:
            out = next_to(mob, *args, **kwargs)
            target = args[0] if args else kwargs.get("mobject_or_point")
            mob.__dict__["_c2v_rel"] = (weakref.ref(target), "next_to") if isinstance(target, Mobject) else None
            return out

        Mobject.next_to = hooked_next_to  # type: ignore[method-assign]

        # Absolute placement ends a label relation (the text is no longer "next to" anything).
        for name in ("move_to", "to_edge", "to_corner", "align_to", "center", "set_x", "set_y"):
            _clear_on(name)

        brace_init = Brace.__init__

        def hooked_brace_init(brace: Brace, mobject: Mobject, *args: Any, **kwargs: Any) -> None:
            brace_init(brace, mobject, *args, **kwargs)
            brace.__dict__["_c2v_rel"] = (weakref.ref(mobject), "brace")

        Brace.__init__ = hooked_brace_init  # type: ignore[method-assign]

        put_at_tip = Brace.put_at_tip

        def hooked_put_at_tip(brace: Brace, mob: Mobject, *args: Any, **kwargs: Any) -> Brace:
            out = put_at_tip(brace, mob, *args, **kwargs)
            mob.__dict__["_c2v_rel"] = (weakref.ref(brace), "brace_label")
            return out

        Brace.put_at_tip = hooked_put_at_tip  # type: ignore[method-assign]

        cleanup = Transform.clean_up_from_scene

        def hooked_cleanup(anim: Transform, scene: Any) -> None:
            cleanup(anim, scene)
            # `label.animate.next_to(b)` moves label to where its target copy was placed: the
            # copy's relation (or its absence) is now the label's.
            target = getattr(anim, "target_mobject", None)
            if (target is not None and target is not anim.mobject and not anim.__dict__.get("_c2v_fast")
                    and (len(target.points) or target.submobjects)):
                anim.mobject.__dict__["_c2v_rel"] = target.__dict__.get("_c2v_rel")

        Transform.clean_up_from_scene = hooked_cleanup  # type: ignore[method-assign]

        begin_animations = Scene.begin_animations

        def hooked_begin_animations(scene: Any) -> None:
            for anim in scene.animations or []:
                if _fast(anim):
                    _make_fast(anim)
            begin_animations(scene)

        Scene.begin_animations = hooked_begin_animations  # type: ignore[method-assign]

    def attach(self, scene: Any) -> None:
        """Snapshot after every play/wait of this scene (probe runs skip the frames)."""
        self.scene_name = type(scene).__name__
        # read now: write() runs after the render's tempconfig has been undone
        self.output = {"pixel_width": config.pixel_width, "pixel_height": config.pixel_height,
                       "frame_width": config.frame_width, "frame_height": config.frame_height,
                       "fps": config.frame_rate}
        # by name: importing the scaffold only to ask would slow down plain manim scenes
        self.lecture = any(c.__name__ == "LectureScene" and c.__module__.endswith("scaffold.scene")
                           for c in type(scene).__mro__)
        renderer = scene.renderer
        # No frames are drawn: each animation jumps to its end state, as manim does when it
        # skips animations; time still advances by each run_time.
        renderer._original_skipping_status = True
        renderer.skip_animations = True
        play = renderer.play

        def hooked_play(sc: Any, *args: Any, **kwargs: Any) -> None:
            self._play_line = self._caller_line()
            self._play = None
            play(sc, *args, **kwargs)
            self.safe_snapshot(sc)

        renderer.play = hooked_play
        if self.motion:
            self._attach_motion(scene)
        tear_down = scene.tear_down

        def hooked_tear_down() -> None:
            if not self.snapshots:  # no play at all: manim shows the last frame
                self.safe_snapshot(scene)
            tear_down()

        scene.tear_down = hooked_tear_down
        construct = scene.construct

        def hooked_construct() -> None:
            if self.lecture:
                # what the LectureScene's setup() put on screen (title, lines) is its chrome
                self.setup_ids = {id(m) for m in scene.mobjects}
            construct()

        scene.construct = hooked_construct

    def _caller_line(self) -> int | None:
        f = sys._getframe(1)
        while f is not None:
            if f.f_code.co_filename in self.scene_files:
                return f.f_lineno
            f = f.f_back
        return None

    def _attach_motion(self, scene: Any) -> None:
        """In a play that moves something, evaluate the animations at a few interpolation points
        before the end state (play_internal asks for the times, then updates to each)."""
        progression = scene.get_time_progression
        update_to_time = scene.update_to_time

        def times(run_time: float, description: str, n_iterations: int | None = None,
                  override_skip_animations: bool = False) -> Any:
            if override_skip_animations or not scene.renderer.skip_animations:
                return progression(run_time, description, n_iterations, override_skip_animations)
            self._play = None
            t0 = time.perf_counter()
            try:
                anims = scene.animations or []
                # updaters that only follow others (next_to a dot, a tracker's value) change
                # nothing unless an animation moves what they follow; time-based ones always do
                moving = midstate.moves(anims) or any(
                    x.has_time_based_updater() for top in scene.mobjects for x in top.get_family())
                alphas = midstate.sample_alphas(anims, run_time) if moving else []
                if alphas:
                    self._play = {"animation": scene.renderer.num_plays, "line": self._play_line,
                                  "start": round(float(scene.renderer.time) - run_time, 4),
                                  "duration": round(float(run_time), 4),
                                  **midstate.play_context(anims, list(scene.mobjects))}
                    self._reuse = {}
            except Exception as exc:  # noqa: BLE001 - the probe's own failure, not the scene's
                self._note(f"mid-animation states of animation {scene.renderer.num_plays}: "
                           f"{type(exc).__name__}: {exc}")
                alphas = []
            self.motion_seconds += time.perf_counter() - t0
            # the start state first (alpha 0), so that what was already there is not "in motion"
            return _Times([0.0, *(a * run_time for a in alphas), run_time] if alphas else [run_time])

        def hooked_update_to_time(t: float) -> None:
            play_ = self._play
            if play_ is None or t >= play_["duration"] - 1e-9:
                update_to_time(t)
                return
            t0 = time.perf_counter()
            update_to_time(t)
            try:
                self.mid_snapshot(scene, play_, t)
            except Exception as exc:  # noqa: BLE001
                self._note(f"mid-animation state of animation {play_['animation']}: "
                           f"{type(exc).__name__}: {exc}")
                self._play = None
            self.motion_seconds += time.perf_counter() - t0

        scene.get_time_progression = times
        scene.update_to_time = hooked_update_to_time

    def _note(self, message: str) -> None:
        if len(self.errors) < 5:
            self.errors.append(message)

    def mid_snapshot(self, scene: Any, play_: dict[str, Any], t: float) -> None:
        """The state at time t of the current play: the animated top-level mobjects are walked
        again; the others cannot change during the play and keep their records from alpha 0."""
        tops = list(scene.mobjects) + [m for m in scene.foreground_mobjects if m not in scene.mobjects]
        start = t <= 0.0
        if start:
            play_["samples"] = []
            self.plays.append(play_)
        animated = set(play_["animated"])
        walk = {id(top) for top in tops if start or id(top) in animated or id(top) not in self._reuse}
        drawn = extract_mobject_family_members(tops, use_z_index=getattr(scene.camera, "use_z_index", True),
                                               only_those_with_points=True)
        order = {id(m): i for i, m in enumerate(drawn)}
        present = {id(m) for top in tops for m in top.get_family()}
        items: list[int] = []
        for top in tops:
            if id(top) in walk:
                walker = _Walker(self, order, present)
                walker.walk_top(top)
                ids = [self._intern(r) for r in walker.records]
                if start:
                    self._reuse[id(top)] = ids
            else:
                ids = self._reuse[id(top)]
            items += ids
        self.midstates.append({
            "animation": play_["animation"],
            "alpha": round(t / play_["duration"], 4),
            "time": round(play_["start"] + t, 4),
            "frame": _camera_frame(scene),
            "items": items,
        })

    # --- measuring ---------------------------------------------------------------------------
    def safe_snapshot(self, scene: Any) -> None:
        """A failure of the probe's own measuring is reported, never blamed on the scene."""
        t0 = time.perf_counter()
        try:
            self.snapshot(scene)
        except Exception as exc:  # noqa: BLE001 - any scene content may surprise the walker
            if len(self.errors) < 5:
                self.errors.append(f"snapshot after animation {scene.renderer.num_plays - 1}: "
                                   f"{type(exc).__name__}: {exc}")
        self.seconds += time.perf_counter() - t0

    def snapshot(self, scene: Any) -> None:
        renderer = scene.renderer
        anims = scene.animations or []
        kind = "wait" if anims and all(isinstance(a, Wait) for a in anims) else "play"
        tops = list(scene.mobjects) + [m for m in scene.foreground_mobjects if m not in scene.mobjects]
        drawn = extract_mobject_family_members(tops, use_z_index=getattr(scene.camera, "use_z_index", True),
                                               only_those_with_points=True)
        order = {id(m): i for i, m in enumerate(drawn)}
        present = {id(m) for top in tops for m in top.get_family()}
        walker = _Walker(self, order, present)
        for top in tops:
            walker.walk_top(top)
        self.snapshots.append({
            "animation": renderer.num_plays - 1,
            "kind": kind,
            "animations": [type(a).__name__ for a in anims][:6],
            "line": self._play_line,
            "start": round(float(renderer.time) - float(getattr(scene, "duration", 0.0) or 0.0), 4),
            "time": round(float(renderer.time), 4),
            "frame": _camera_frame(scene),
            "items": [self._intern(r) for r in walker.records],
        })

    def _intern(self, record: dict[str, Any]) -> int:
        """Records that did not change since an earlier snapshot are stored once."""
        key = json.dumps(record, sort_keys=True, separators=(",", ":"))
        idx = self._record_index.get(key)
        if idx is None:
            idx = self._record_index[key] = len(self.records)
            self.records.append(record)
        return idx

    def add_geometry(self, segments: np.ndarray) -> str | None:
        if not len(segments):
            return None
        flat = np.round(segments, 3)
        key = hashlib.blake2b(flat.tobytes(), digest_size=8).hexdigest()
        if key not in self.geometry:
            self.geometry[key] = flat.ravel().tolist()
        return key

    def write(self, path: Path, error: str | None = None) -> None:
        data = {
            "version": SNAPSHOT_VERSION,
            "scene": self.scene_name,
            "lecture_scene": self.lecture,
            "quality": self.quality,
            **self.output,
            "snapshot_seconds": round(self.seconds, 4),
            "motion_seconds": round(self.motion_seconds, 4),
            "complete": error is None,
            "errors": self.errors,
            "records": self.records,
            "geometry": self.geometry,
            "snapshots": self.snapshots,
            "plays": [_trim_play(p, {r["id"] for r in self.records}) for p in self.plays],
            "midstates": self.midstates,
        }
        atomic.write_text(path, json.dumps(data, separators=(",", ":")))


class _Times(list):
    """The times play_internal steps through (it closes its progress bar when done)."""

    def close(self) -> None:
        pass


def _trim_play(play: dict[str, Any], element_ids: set[int]) -> dict[str, Any]:
    """Only the ids the parent can meet (those of recorded elements) are written."""
    return {**play, "groups": [g for g in play["groups"] if g[0] in element_ids],
            "transient": [i for i in play["transient"] if i in element_ids]}


def _fast_classes() -> tuple[type, ...]:
    import manim

    names = ("FadeIn", "FadeOut", "Create", "Uncreate", "Write", "Unwrite", "DrawBorderThenFill",
             "ShowIncreasingSubsets", "ShowSubmobjectsOneByOne", "AddTextLetterByLetter",
             "RemoveTextLetterByLetter", "AddTextWordByWord", "GrowFromCenter", "GrowFromPoint",
             "GrowFromEdge", "GrowArrow", "SpinInFromNothing", "Indicate", "Wiggle", "ApplyWave",
             "ShowPassingFlash", "Wait")
    return tuple(getattr(manim, n) for n in names if hasattr(manim, n))


_FAST: tuple[type, ...] | None = None


def _fast(anim: Any) -> bool:
    """Animations whose end state is their mobject exactly as it was (or gone, for removers):
    the probe needs no copies of it, and copying big texts is most of a skipped play's cost."""
    global _FAST
    if _FAST is None:
        _FAST = _fast_classes()
    if type(anim) in _FAST:
        # a rate function that does not end at 1 (there_and_back) leaves another end state
        rate = getattr(anim, "rate_func", None)
        try:
            return rate is None or abs(float(rate(1.0)) - 1.0) < 1e-6
        except Exception:  # noqa: BLE001 - an odd user rate function: take the exact path
            return False
    import manim

    if type(anim) in (manim.AnimationGroup, manim.LaggedStart):
        return all(_fast(a) for a in anim.animations)
    return False


def _make_fast(anim: Any) -> None:
    anim.__dict__["_c2v_fast"] = True
    noop = lambda *args, **kwargs: None  # noqa: E731
    for name in ("begin", "interpolate", "finish", "update_mobjects"):
        setattr(anim, name, noop)
    for sub in getattr(anim, "animations", None) or []:
        _make_fast(sub)


def _clear_on(name: str) -> None:
    original = getattr(Mobject, name)

    def hooked(mob: Mobject, *args: Any, **kwargs: Any) -> Any:
        out = original(mob, *args, **kwargs)
        mob.__dict__["_c2v_rel"] = None
        return out

    hooked.__name__ = name
    setattr(Mobject, name, hooked)


def _camera_frame(scene: Any) -> list[float]:
    frame = getattr(scene.camera, "frame", None)  # MovingCameraScene
    if isinstance(frame, Mobject) and frame.width > 0:
        c = frame.get_center()
        return [round(float(c[0]), 4), round(float(c[1]), 4), round(float(frame.width), 4),
                round(float(frame.height), 4)]
    return [0.0, 0.0, float(config.frame_width), float(config.frame_height)]


def _is_plain(m: Mobject) -> bool:
    return type(m) in PLAIN_GROUPS and (type(m) not in (VMobject, Mobject) or not len(m.points))


def _opacity(m: Mobject) -> tuple[float, float]:
    """(fill, stroke) opacity of one mobject with points; a stroke of width 0 is invisible."""
    if isinstance(m, VMobject):
        fill = float(m.get_fill_opacity())
        stroke = float(m.get_stroke_opacity()) if m.get_stroke_width() > 0 else 0.0
        return fill, stroke
    if isinstance(m, AbstractImageMobject | PMobject):
        return float(getattr(m, "fill_opacity", 1.0) or 0.0), 0.0
    return 0.0, 0.0  # a ValueTracker or a Point: has points, draws nothing


def _box(points: np.ndarray) -> list[float]:
    lo, hi = points[:, :2].min(axis=0), points[:, :2].max(axis=0)
    return [round(float(lo[0]), 4), round(float(lo[1]), 4), round(float(hi[0]), 4), round(float(hi[1]), 4)]


def _line(m: Mobject, parents: list[Mobject]) -> int | None:
    for x in (m, *reversed(parents)):
        origin = x.__dict__.get("_c2v_origin")
        if origin and origin[0] is not None:
            return origin[0]
    return None


def _chrome(m: Mobject) -> bool:
    """Made by the scaffold's LectureScene code itself (title, lines, line highlight)."""
    origin = m.__dict__.get("_c2v_origin")
    return bool(origin and origin[1])


def _text_of(m: Mobject) -> str:
    if isinstance(m, DecimalNumber):
        return str(m.number)
    for attr in ("original_text", "text", "tex_string", "code_string"):
        v = m.__dict__.get(attr)
        if isinstance(v, str) and v.strip():
            return " ".join(v.split())[:40]
    return ""


def _font_size(m: Mobject) -> float | None:
    """Effective font size after every scaling, or None if it cannot be told."""
    try:
        if isinstance(m, Paragraph):
            ref = m.__dict__.get("_c2v_ref")
            if ref and ref[1] > 0:
                return ref[0] * m.height / ref[1]
            ref = m.__dict__.get("c2v_reference")  # set by the scaffold's figure builders
            if ref and ref[1] > 0:
                return ref[0] * m.width / ref[1]
            return None
        if isinstance(m, Code):
            sizes = [s for p in m.get_family() if isinstance(p, Paragraph) and (s := _font_size(p))]
            return min(sizes) if sizes else None
        size = float(m.font_size)
        return size if np.isfinite(size) and size > 0 else None
    except (ZeroDivisionError, AttributeError, ValueError, FloatingPointError):
        return None


def _segments(m: VMobject) -> np.ndarray:
    """The stroke as straight segments (x0, y0, x1, y1): straight curves as one, curved ones
    sampled at six steps."""
    global _BERNSTEIN
    pts = m.points
    n = len(pts) - len(pts) % 4
    if n < 4:
        return np.zeros((0, 4))
    curves = pts[:n, :2].reshape(-1, 4, 2)
    a, h1, h2, b = curves[:, 0], curves[:, 1], curves[:, 2], curves[:, 3]
    chord = b - a
    length = np.linalg.norm(chord, axis=1)
    norm = np.where(length > 1e-9, length, 1.0)

    def dist(h: np.ndarray) -> np.ndarray:
        return np.abs(chord[:, 0] * (h - a)[:, 1] - chord[:, 1] * (h - a)[:, 0]) / norm

    straight = (dist(h1) < 1e-3) & (dist(h2) < 1e-3)
    out = [np.concatenate([a[straight], b[straight]], axis=1)]
    if (~straight).any():
        if _BERNSTEIN is None:
            t = np.linspace(0, 1, 7)
            _BERNSTEIN = np.stack([(1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t ** 2 * (1 - t), t ** 3], axis=1)
        samples = np.einsum("sk,ckd->csd", _BERNSTEIN, curves[~straight])  # (curves, 7, 2)
        out.append(np.concatenate([samples[:, :-1], samples[:, 1:]], axis=2).reshape(-1, 4))
    return np.concatenate(out)


class _Walker:
    """Turns the scene's mobjects into element records for one snapshot."""

    def __init__(self, rec: Recorder, order: dict[int, int], present: set[int]) -> None:
        self.rec = rec
        self.order = order
        self.present = present
        self.records: list[dict[str, Any]] = []

    def walk_top(self, top: Mobject) -> None:
        chrome_top = id(top) in self.rec.setup_ids
        stack: list[tuple[Mobject, list[Mobject], Mobject | None]] = [(top, [], None)]
        while stack:
            m, parents, owner = stack.pop()
            if isinstance(m, TEXT_CLASSES):
                self.text(m, parents, owner, top, chrome_top)
            elif _is_plain(m):
                stack.extend((s, [*parents, m], owner) for s in reversed(m.submobjects))
            else:
                self.shape(m, parents, top, chrome_top)
                # texts inside a composite (tick numbers of Axes, entries of a Table) are its parts
                inner = [(s, [*parents, m], owner or m) for s in reversed(m.submobjects)]
                while inner:
                    s, ps, own = inner.pop()
                    if isinstance(s, TEXT_CLASSES):
                        self.text(s, ps, own, top, chrome_top)
                    else:
                        inner.extend((c, [*ps, s], own) for c in reversed(s.submobjects))

    def _leaves(self, m: Mobject, skip_text: bool) -> list[Mobject]:
        out, stack = [], [m]
        while stack:
            x = stack.pop()
            if skip_text and x is not m and isinstance(x, TEXT_CLASSES):
                continue
            if len(x.points):
                out.append(x)
            stack.extend(x.submobjects)
        return out

    def _base(self, m: Mobject, parents: list[Mobject], top: Mobject, chrome_top: bool) -> dict[str, Any]:
        return {
            "id": id(m),
            "cls": type(m).__name__,
            "line": _line(m, parents),
            "top": id(top),
            "chrome": chrome_top or _chrome(m),
        }

    def text(self, m: Mobject, parents: list[Mobject], owner: Mobject | None, top: Mobject,
             chrome_top: bool) -> None:
        leaves = [x for x in self._leaves(m, False) if not isinstance(x, BackgroundRectangle)]
        if not leaves:
            return
        opacity = max(max(_opacity(x)) for x in leaves)
        if opacity < VISIBLE_MIN_OPACITY:
            return
        backs = [x for x in m.get_family() if isinstance(x, BackgroundRectangle)]
        text = _text_of(m)
        size = _font_size(m)
        tex = isinstance(m, SingleStringMathTex | DecimalNumber)
        glyph = TEX_GLYPH_UNITS_PER_POINT if tex else GLYPH_UNITS_PER_POINT
        px_per_unit = config.pixel_height / config.frame_height
        rec = self._base(m, parents, top, chrome_top)
        rec.update({
            "role": "text",
            "text": text,
            "numeric": isinstance(m, DecimalNumber) or bool(_NUMERIC.match(text)),
            "owner": id(owner) if owner is not None else None,
            "bbox": _box(np.concatenate([x.points for x in leaves])),
            "opacity": round(opacity, 3),
            "z": min(self.order.get(id(x), 0) for x in leaves),
            "font_size": round(size, 2) if size else None,
            # glyph extent per font-size point: LaTeX glyphs are smaller than Pango's
            "glyph_units": glyph,
            "font_px": round(size * glyph * px_per_unit, 2) if size else None,
            # what a viewer reads: drawn glyphs (Pango and LaTeX make one path per glyph)
            "glyphs": len(leaves),
            # an opaque background rectangle of its own hides what is drawn below the text
            "backed": any(_opacity(b)[0] >= OPAQUE_FILL for b in backs),
            "label": self.label(m),
        })
        self.records.append(rec)

    def shape(self, m: Mobject, parents: list[Mobject], top: Mobject, chrome_top: bool) -> None:
        leaves = self._leaves(m, True)
        fills, segs, z, opacity = [], [], [], 0.0
        for x in leaves:
            fill, stroke = _opacity(x)
            if max(fill, stroke) < VISIBLE_MIN_OPACITY:
                continue
            opacity = max(opacity, fill, stroke)
            zi = self.order.get(id(x), 0)
            z.append(zi)
            if isinstance(x, ImageMobject) or fill >= VISIBLE_MIN_OPACITY and isinstance(x, VMobject):
                fills.append([*_box(x.points), round(fill, 3), zi])
            if stroke >= VISIBLE_MIN_OPACITY and isinstance(x, VMobject):
                segs.append(_segments(x))
        if not z:
            return
        visible = [x for x in leaves if max(_opacity(x)) >= VISIBLE_MIN_OPACITY]
        rec = self._base(m, parents, top, chrome_top)
        rec.update({
            "role": "image" if isinstance(m, ImageMobject) else "shape",
            "owner": id(m),
            "bbox": _box(np.concatenate([x.points for x in visible])),
            "opacity": round(opacity, 3),
            "z": min(z),
            "background": isinstance(m, BACKGROUNDS),
            "container": isinstance(m, CONTAINERS),
            "fills": fills[:200],
            "geom": self.rec.add_geometry(np.concatenate(segs)) if segs else None,
            "label": self.label(m),
        })
        self.records.append(rec)

    def label(self, m: Mobject) -> dict[str, Any] | None:
        """What m was placed next to (a drawn mobject still on screen), with its box."""
        rel = m.__dict__.get("_c2v_rel")
        if not rel:
            return None
        target = rel[0]()
        if target is None or id(target) not in self.present or target is m:
            return None
        leaves = [x for x in self._leaves(target, False) if max(_opacity(x)) >= VISIBLE_MIN_OPACITY]
        if not leaves:
            return None
        drawn = not isinstance(target, TEXT_CLASSES) and any(
            max(_opacity(x)) >= VISIBLE_MIN_OPACITY for x in self._leaves(target, True))
        return {
            "via": rel[1],
            "target": id(target),
            "cls": type(target).__name__,
            "text": _text_of(target),
            "line": _line(target, []),
            "bbox": _box(np.concatenate([x.points for x in leaves])),
            "drawn": drawn,  # the target has non-text parts: it is a drawing, not text
        }

