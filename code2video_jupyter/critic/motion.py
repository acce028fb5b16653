"""Layout problems that exist only while an animation runs (the states sandbox.midstate
measured between a play's start and its end): what a viewer sees and a snapshot after each
play misses.

- **motion_out_of_frame**: a moving part goes past the camera frame's edge by more than
  MOTION_CLIP_TOLERANCE at some sample, though it is inside at the play's start and end (a long
  vector rotated about its tail, an easing that overshoots, a path arc that bulges out).
- **motion_overlap**: two things of different animations meet in passing: texts over texts
  (one of them moving), a moving stroke or fill over a text, or two moving closed shapes whose
  boxes share MOTION_COLLISION_RATIO (a swap along straight paths).

What is meant to overlap is left alone: the mobjects of one animation (a transform's source,
target and the copies it flies), an object and its own parts (a composite's texts), what
appears or disappears in place (fades, creations: a cross-fade), and a moving label over the
lines it rides along. A problem already there at the play's start or end is the ordinary
probe's (reported once, by it). Each finding carries the play's source line and the time of
its worst sample.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from .. import thresholds as th
from .findings import SEVERITY_ORDER, Finding, MobjectRef

Record = dict[str, Any]
# Shapes whose box is their body (not a line or a curve running past other things).
CLOSED_SHAPES = {"Circle", "Dot", "Square", "Rectangle", "RoundedRectangle", "Triangle", "Polygon",
                 "RegularPolygon", "Star", "Ellipse", "Annulus", "Sector", "AnnularSector", "ImageMobject", "SVGMobject", "Cube", "Sphere", "LabeledDot"}
_EPS = 1e-3


class _Play:
    """One play's context as the recorder wrote it."""

    def __init__(self, play: dict[str, Any]) -> None:
        self.index: int = play["animation"]
        self.line: int | None = play.get("line")
        self.groups: dict[int, int] = {int(k): int(v) for k, v in play.get("groups", [])}
        self.transient: set[int] = set(play.get("transient", []))
        self.animated: set[int] = set(play.get("animated", []))

    def unit(self, e: Record) -> tuple[str, int]:
        """What moves as one: the animation an element belongs to, else its top-level mobject."""
        g = self.groups.get(e["id"])
        return ("animation", g) if g is not None else ("top", e["top"])


def motion_findings(data: dict[str, Any], geometry: Any) -> list[Finding]:
    """Findings from the mid-animation states of a snapshots.json (version 2)."""
    from .probe import _boxes, _text_shape, _text_text  # the probe's pair rules, unchanged

    records: list[Record] = data["records"]
    mids: dict[int, list[dict[str, Any]]] = {}
    for m in data.get("midstates", []):
        mids.setdefault(m["animation"], []).append(m)
    ends = {s["animation"]: s for s in data.get("snapshots", [])}
    out: dict[tuple, Finding] = {}
    for raw_play in data.get("plays", []):
        play = _Play(raw_play)
        samples = sorted(mids.get(play.index, []), key=lambda m: m["alpha"])
        if len(samples) < 2 or samples[0]["alpha"] > 0:
            continue
        start = samples[0]
        start_elems = [records[i] for i in start["items"]]
        start_by_id = {e["id"]: e for e in start_elems}
        end = ends.get(play.index)
        seen: set[tuple] = set()
        for state in [start] + ([end] if end else []):
            elems = [records[i] for i in state["items"]]
            seen |= {k for k, _ in _problems(play, elems, state["frame"], None, geometry,
                                             (_boxes, _text_text, _text_shape))}
        worst: dict[tuple, tuple[float, dict[str, Any], dict[str, Any]]] = {}
        for sample in samples[1:]:
            elems = [records[i] for i in sample["items"]]
            moving = {e["id"] for e in elems if _moving(e, start_by_id, play)}
            if not moving:
                continue
            for key, problem in _problems(play, elems, sample["frame"], moving, geometry,
                                          (_boxes, _text_text, _text_shape)):
                if key in seen:
                    continue
                if key not in worst or problem["value"] > worst[key][0]:
                    worst[key] = (problem["value"], problem, sample)
        # everything one play pushes out of the frame is one problem: its worst part first
        outs = sorted((w for k, w in worst.items() if k[0] == "out"), key=lambda w: -w[0])
        pairs = [w for k, w in worst.items() if k[0] != "out"]
        if outs:
            problem = dict(outs[0][1], elems=[w[1]["elems"][0] for w in outs][:5])
            pairs.append((outs[0][0], problem, outs[0][2]))
        for _, problem, sample in pairs:
            f = _finding(play, problem, sample)
            k = f.key()
            if k in out:
                out[k].snapshots += 1
                out[k].last_time = max(out[k].last_time, f.time)
            else:
                out[k] = f
    return sorted(out.values(), key=lambda f: (f.time, SEVERITY_ORDER[f.severity], f.kind))


def _moving(e: Record, start: dict[int, Record], play: _Play) -> bool:
    if e["top"] not in play.animated or e["id"] in play.transient:
        return False
    s = start.get(e["id"])
    return s is None or any(abs(a - b) > _EPS for a, b in zip(e["bbox"], s["bbox"], strict=True))


def _problems(play: _Play, elems: list[Record], frame: list[float], moving: set[int] | None,
              geometry: Any, rules: tuple) -> Iterable[tuple[tuple, dict[str, Any]]]:
    """(key, problem) of one state. With ``moving`` None (a play's start or end) every
    candidate counts, so that what is already there is known and not blamed on the motion."""
    boxes_of, text_text, text_shape = rules
    elems = [e for e in elems if not e.get("background") and e["id"] not in play.transient]
    if moving is not None and not elems:
        return
    yield from _clipped(play, elems, frame, moving)
    t_idx = [i for i, e in enumerate(elems) if e["role"] == "text"]
    s_idx = [i for i, e in enumerate(elems) if e["role"] != "text" and not e.get("container")]
    if len(elems) < 2:
        return
    b = boxes_of(elems)
    w = np.minimum(b[:, None, 2], b[None, :, 2]) - np.maximum(b[:, None, 0], b[None, :, 0])
    h = np.minimum(b[:, None, 3], b[None, :, 3]) - np.maximum(b[:, None, 1], b[None, :, 1])
    inter = np.clip(w, 0, None) * np.clip(h, 0, None)
    area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    raws = []
    if t_idx:
        raws += [(r, "text") for r in text_text(elems, t_idx, inter, area)]
        raws += [(r, "shape") for r in text_shape(elems, t_idx, s_idx, (w >= 0) & (h >= 0), geometry)]
    for raw, what in raws:
        a, c = raw.elems[0], raw.elems[1]
        ua, uc = play.unit(a), play.unit(c)
        if ua == uc:
            continue  # one animation's own mobjects, or one object's parts
        if moving is not None:
            if what == "text" and a["id"] not in moving and c["id"] not in moving:
                continue
            shape = a if a["role"] != "text" else c
            if what == "shape" and shape["id"] not in moving:
                continue  # a moving label over the lines it rides along is how labels move
        yield _pair_key(ua, uc), {"kind": "motion_overlap", "value": float(raw.value or 1.0),
                                  "elems": [a, c], "what": raw.message}
    closed = [i for i in s_idx if _closed(elems[i])]
    for n, i in enumerate(closed):
        for j in closed[n + 1:]:
            a, c = elems[i], elems[j]
            ua, uc = play.unit(a), play.unit(c)
            if ua == uc or (moving is not None and not (a["id"] in moving and c["id"] in moving)):
                continue
            ratio = inter[i, j] / max(min(area[i], area[j]), 1e-9)
            if ratio >= th.MOTION_COLLISION_RATIO:
                yield _pair_key(ua, uc), {"kind": "motion_overlap", "value": float(ratio),
                                          "elems": [a, c],
                                          "what": f"{_name(a)} runs into {_name(c)} "
                                                  f"({ratio:.0%} of the smaller box)"}


def _clipped(play: _Play, elems: list[Record], frame: list[float],
             moving: set[int] | None) -> Iterable[tuple[tuple, dict[str, Any]]]:
    cx, cy, w, h = frame
    edge = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    for e in elems:
        if e["chrome"] or (moving is not None and e["id"] not in moving):
            continue
        b = e["bbox"]
        over = max(edge[0] - b[0], b[2] - edge[2], edge[1] - b[1], b[3] - edge[3])
        if over > th.MOTION_CLIP_TOLERANCE:
            yield ("out", play.unit(e)), {"kind": "motion_out_of_frame", "value": float(over),
                                          "elems": [e], "what": f"{_name(e)} goes {over:.2f} units "
                                                                f"past the frame edge"}


def _closed(e: Record) -> bool:
    return e["cls"] in CLOSED_SHAPES or any(f[4] >= th.OPAQUE_FILL for f in e.get("fills", []))


def _pair_key(a: tuple, b: tuple) -> tuple:
    return ("pair", *sorted([a, b]))


def _name(r: Record) -> str:
    return f'{r["cls"]} "{r["text"]}"' if r.get("text") else r["cls"]


def _finding(play: _Play, problem: dict[str, Any], sample: dict[str, Any]) -> Finding:
    elems = problem["elems"]
    refs = [MobjectRef(cls=e["cls"], text=e.get("text") or None, source_line=e.get("line"),
                       bbox=tuple(e["bbox"])) for e in elems]
    when = f"{sample['alpha']:.0%} into the animation at line {play.line}" if play.line else \
        f"{sample['alpha']:.0%} into animation #{play.index}"
    if problem["kind"] == "motion_out_of_frame":
        severity = "high" if problem["value"] >= 0.5 else "medium"
        message = f"{problem['what']} {when} (inside at its start and end)"
    else:
        severity = "medium"
        message = f"in motion, {when}: {problem['what']} (apart at its start and end)"
    return Finding(kind=problem["kind"], severity=severity, message=message, mobjects=refs,
                   source_line=play.line, animation=play.index, time=sample["time"],
                   last_time=sample["time"], snapshots=1, bboxes=[r.bbox for r in refs],
                   value=round(float(problem["value"]), 4))
