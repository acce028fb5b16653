"""Mid-animation states for the layout probe, child side (imports manim; loaded only by
sandbox.snapshot inside the sandbox).

The probe skips frames: manim jumps each animation to its end. A viewer sees the frames in
between, where two swapped objects pass through each other or a vector rotating about its tail
sweeps past the edge. So for each play that moves something, the recorder evaluates the
animations at a few interpolation points (no frame is drawn): ``sample_alphas`` chooses them
(fixed points, plus the extremes of each rate function, plus steps along every rotation), and
``play_context`` tells the parent which mobjects belong together in this play (a transform's
source, target and copies; fades and creations, which are meant to overlap their own place).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from manim import Mobject

from ..thresholds import (
    MOTION_ALPHAS,
    MOTION_MAX_SAMPLES,
    MOTION_PATH_SAMPLES,
    MOTION_RATE_GRID,
    MOTION_ROTATION_STEP,
)

# Animations that make a mobject appear or disappear where it stands (or draw a passing mark):
# meant to overlap whatever they replace in place, never "moving" through anything.
TRANSIENT = {
    "FadeIn", "FadeOut", "Create", "Uncreate", "Write", "Unwrite", "DrawBorderThenFill",
    "ShowIncreasingSubsets", "ShowSubmobjectsOneByOne", "AddTextLetterByLetter",
    "RemoveTextLetterByLetter", "AddTextWordByWord", "GrowFromCenter", "GrowFromPoint",
    "GrowFromEdge", "GrowArrow", "SpinInFromNothing", "ShrinkToCenter", "ShowPassingFlash",
    "FadeTransform", "FadeTransformPieces", "Circumscribe", "Flash", "Indicate", "Wiggle",
    "ApplyWave", "FocusOn",
}
# Groups whose parts run on their own clocks (lag_ratio); composition.AnimationGroup and kin.
_GROUPS = {"AnimationGroup", "LaggedStart", "LaggedStartMap", "Succession"}


def _names(obj: Any) -> set[str]:
    return {c.__name__ for c in type(obj).__mro__}


def leaves(animations: list[Any], t0: float = 0.0, t1: float | None = None) -> list[tuple[Any, float, float]]:
    """(animation, start, end) in the play's time for every animation that is not a group."""
    out: list[tuple[Any, float, float]] = []
    for anim in animations:
        start = t0
        end = t0 + float(anim.run_time) if t1 is None else t1
        # TransformMatchingTex/Shapes are groups too, but one transform of source into target
        if (_names(anim) & _GROUPS and getattr(anim, "animations", None)
                and "TransformMatchingAbstractBase" not in _names(anim)):
            timings = getattr(anim, "anims_with_timings", None)
            total = float(getattr(anim, "max_end_time", 0.0) or 0.0)
            if timings is None or total <= 0:
                out += leaves(list(anim.animations), start, end)
                continue
            scale = (end - start) / total  # a group's run_time stretches its parts' clocks
            for row in timings:
                out += leaves([row["anim"]], start + float(row["start"]) * scale,
                              start + float(row["end"]) * scale)
        else:
            out.append((anim, start, end))
    return out


def moves(animations: list[Any]) -> bool:
    """Does any animation of this play move something (not only fade, draw or wait)?"""
    return any(not (_names(a) & TRANSIENT) and type(a).__name__ != "Wait" for a, _, _ in leaves(animations))


def _rate(anim: Any) -> np.ndarray | None:
    rate = getattr(anim, "rate_func", None)
    if rate is None:
        return None
    try:
        return np.array([float(rate(x)) for x in np.linspace(0.0, 1.0, MOTION_RATE_GRID)])
    except Exception:  # noqa: BLE001 - an odd user rate function: only the fixed points
        return None


def _turn(anim: Any) -> float:
    """Radians the animation turns its mobject through (a path arc, Rotate, Rotating)."""
    names = _names(anim)
    if "Rotating" in names or "Rotate" in names:
        return abs(float(getattr(anim, "angle", 0.0) or 0.0))
    try:
        return abs(float(getattr(anim, "path_arc", 0.0) or 0.0))
    except (TypeError, ValueError):
        return 0.0


def sample_alphas(animations: list[Any], duration: float) -> list[float]:
    """Fractions of the play's duration (0 < a < 1) at which to measure its states."""
    if duration <= 0:
        return []
    grid = np.linspace(0.0, 1.0, MOTION_RATE_GRID)
    extra: list[float] = []
    for anim, start, end in leaves(animations):
        if _names(anim) & TRANSIENT or end <= start:
            continue
        rate = _rate(anim)
        if rate is None:
            continue

        def at(x: float, start: float = start, end: float = end) -> float:
            return (start + x * (end - start)) / duration

        # the rate's extremes: an overshoot (ease_out_back) or a turn back (there_and_back)
        for idx in (int(np.argmax(rate)), int(np.argmin(rate))):
            if 0 < idx < len(rate) - 1:
                extra.append(at(grid[idx]))
        # a rotation: a state every MOTION_ROTATION_STEP of its angle (its extremes lie between)
        angle = _turn(anim)
        steps = min(math.ceil(angle / MOTION_ROTATION_STEP), MOTION_MAX_SAMPLES)
        for k in range(1, steps):
            crossed = np.nonzero(rate >= k / steps)[0]
            if len(crossed):
                extra.append(at(grid[crossed[0]]))
        if "MoveAlongPath" in _names(anim):
            extra += [at(k / MOTION_PATH_SAMPLES) for k in range(1, MOTION_PATH_SAMPLES)]
    alphas = sorted({round(float(a), 3) for a in (*MOTION_ALPHAS, *extra) if 0.0 < a < 1.0})
    if len(alphas) > MOTION_MAX_SAMPLES:
        # keep the fixed points, then the extra ones spread evenly
        fixed = [a for a in alphas if a in MOTION_ALPHAS]
        rest = [a for a in alphas if a not in MOTION_ALPHAS]
        keep = MOTION_MAX_SAMPLES - len(fixed)
        idx = np.linspace(0, len(rest) - 1, max(keep, 0)).round().astype(int) if keep > 0 else []
        alphas = sorted({*fixed, *(rest[i] for i in idx)})
    return alphas


def play_context(animations: list[Any], tops: list[Any]) -> dict[str, Any]:
    """Which mobjects belong together in this play, by id.

    groups: every mobject of one animation (its mobject, its target, the mobjects they were
    copied from) shares a group number: a transform's source and target are meant to overlap.
    transient: mobjects that appear or disappear in place. animated: top-level mobjects that can
    change during the play (animated, or with updaters)."""
    groups: dict[int, int] = {}
    transient: set[int] = set()
    for g, (anim, _, _) in enumerate(leaves(animations)):
        ids: set[int] = set()
        # TransformMatching*: to_remove (the source, a list) and to_add (the target)
        for m in (getattr(anim, "mobject", None), getattr(anim, "target_mobject", None),
                  getattr(anim, "starting_mobject", None), getattr(anim, "to_add", None),
                  *(getattr(anim, "to_remove", None) or [])):
            if not isinstance(m, Mobject):
                continue
            for x in m.get_family():
                ids.add(id(x))
                src = x.__dict__.get("_c2v_copy_of")
                if src is not None:
                    ids.add(src)
        if type(anim).__name__ == "Wait":
            continue
        if _names(anim) & TRANSIENT:
            transient |= ids
        for i in ids:
            groups.setdefault(i, g)
    animated = []
    for top in tops:
        family = top.get_family()
        if any(id(x) in groups or x.updaters for x in family):
            animated.append(id(top))
    return {"groups": [[k, v] for k, v in groups.items()], "transient": sorted(transient),
            "animated": animated}
