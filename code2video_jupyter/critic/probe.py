"""The layout probe, parent side: run a scene in the sandbox in probe mode (no frames drawn, no
video written; sandbox.snapshot measures the mobjects after every play/wait), then judge the
snapshots with pure geometry. No model is asked.

Rules (every number is in ``thresholds``):

- **out_of_frame**: a visible mobject comes closer than SAFE_MARGIN to the camera frame's edge
  (partly, not only wholly, off screen). High if part of it is past the edge itself (clipped).
  Backgrounds (NumberPlane, full-screen rectangles) and simple shapes that bleed past both
  opposite edges on purpose are exempt. One finding per top-level mobject.
- **overlap_text_text**: two texts whose boxes share TEXT_OVERLAP_RATIO of the smaller box.
- **overlap_text_shape**: an opaque fill (>= OPAQUE_FILL) drawn over a text covers
  FILLED_SHAPE_COVERAGE of it; or a text straddles the edge of an opaque fill drawn below it
  (a fill that contains the whole text is its frame or background: fine); or a visible stroke
  (line, curve, arrow, outline) crosses the text's box shrunk by TEXT_BOX_INSET, unless an
  opaque fill drawn between the two hides the stroke (a label with a background rectangle).
- **text_too_small**: glyphs below MIN_TEXT_PX at the output resolution (font size x
  GLYPH_UNITS_PER_POINT, or TEX_GLYPH_UNITS_PER_POINT for LaTeX, x pixels per unit of the
  camera frame).
- **crowding**: more than CROWDING_MAX_TEXTS separate texts on screen at once; numbers (tick
  labels) do not count and the texts of one composite (a Table, Axes, Code) count once.
- **label_far**: a text placed with ``next_to`` a drawn mobject (not a text: that is layout,
  not labelling), or at a Brace's tip, or a Brace itself, is more than LABEL_MAX_GAP from the
  box of what it labels -- placed far, or left behind when its target moved.

Never judged: the LectureScene's own title and lecture lines against each other (the scaffold
lays them out; they are still checked against the canvas content), a composite's own parts
against each other (Axes and its numbers, Table lines and entries, a BraceLabel), frames and
marks drawn around text on purpose (SurroundingRectangle, BackgroundRectangle, Cross), and
anything below VISIBLE_MIN_OPACITY. A problem that persists over several snapshots is reported
once, with the animation index and time at which it was first seen.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from .. import thresholds as th
from ..caches import publish_tex, tex_cache_dir
from ..quality import QUALITIES
from ..sandbox import Limits, RenderRequest, render_in_sandbox
from ..theme import DEFAULT as DEFAULT_THEME
from ..theme import Theme
from ..theme.inject import themed_source
from .contrast import contrast_findings
from .findings import SEVERITY_ORDER, BBox, Finding, LayoutReport, MobjectRef

Record = dict[str, Any]
# Simple shapes allowed to bleed past both opposite edges (a divider line, a backdrop).
BLEED_CLASSES = {"Line", "DashedLine", "Rectangle", "RoundedRectangle", "ImageMobject", "Polygon"}
_EPS = 1e-3


# --- running --------------------------------------------------------------------------------
def probe_scene(
    scene_file: str | Path,
    class_name: str | None = None,
    quality: str = "l",
    limits: Limits | None = None,
    *,
    line_durations: list[float] | None = None,
    assets_dir: str | None = None,
    tex_cache: str | None = None,
    keep_workdir: str | Path | None = None,
    cancelled: Callable[[], bool] | None = None,
    theme: Theme | None = None,
) -> LayoutReport:
    """Run ``scene_file`` in the sandbox in probe mode and judge its layout (and, in ``theme``,
    default dark, the contrast of its texts: critic/contrast.py).

    The scene's code runs only in the sandboxed child. ``keep_workdir`` keeps the child's folder
    (snapshots.json, render.log) at that path; otherwise a temporary one is removed."""
    work = Path(keep_workdir) if keep_workdir else Path(tempfile.mkdtemp(prefix="c2v-probe-"))
    themed = themed_copy(scene_file, theme or DEFAULT_THEME)
    request = RenderRequest(
        scene_file=str(themed), class_name=class_name, quality=quality, probe=True,
        dry_run=True, line_durations=line_durations, assets_dir=assets_dir,
        tex_cache=tex_cache or str(tex_cache_dir()),
    )
    try:
        result = render_in_sandbox(request, limits or Limits(), cancelled=cancelled,
                                   keep_workdir=str(work))
        snaps = work / "snapshots.json"
        data = json.loads(snaps.read_text()) if snaps.exists() else None
        if result.ok:
            publish_tex(work / "media" / "Tex")  # formulas compiled here serve later renders
        report = LayoutReport(scene_file=str(scene_file), scene_class=class_name, quality=quality,
                              ok=result.ok, error=result.error, probe_seconds=result.elapsed)
        if result.killed and report.error is None:
            from ..sandbox import RenderError

            report.error = RenderError(type="Killed", message=result.summary(), traceback="")
        if data is not None:
            report.scene_class = data.get("scene") or class_name
            data["blocks"] = _timeline_blocks(work / "timeline.json")
            timings: dict[str, float] = {}
            findings, ms = check_snapshots(data, timings)
            report.findings = findings if result.ok else []
            report.check_ms = ms
            report.motion_ms = timings.get("motion_ms", 0.0)
            report.motion_seconds = float(data.get("motion_seconds", 0.0))
            report.midstates = len(data.get("midstates", []))
            report.snapshots = len(data["snapshots"])
            report.animations = len(data["snapshots"])
            report.duration = data["snapshots"][-1]["time"] if data["snapshots"] else 0.0
            report.warnings = list(data.get("errors", []))
        if report.ok:
            report.findings += contrast_findings(work / "timeline.json")
        return report
    finally:
        shutil.rmtree(themed.parent, ignore_errors=True)
        if not keep_workdir:
            shutil.rmtree(work, ignore_errors=True)






def themed_copy(scene_file: str | Path, theme: Theme) -> Path:
    """The scene with the theme's statement appended, in a temporary folder of its own (the
    sandbox copies it into its work folder as scene.py)."""
    folder = Path(tempfile.mkdtemp(prefix="c2v-probe-src-"))
    path = folder / "scene.py"
    path.write_text(themed_source(Path(scene_file).read_text(encoding="utf-8"), theme), encoding="utf-8")
    return path


# --- judging --------------------------------------------------------------------------------
def check_snapshots(data: dict[str, Any], timings: dict[str, float] | None = None) -> tuple[list[Finding], float]:
    """Findings from the child's snapshots.json (a dict), and the CPU time the checks took (ms;
    CPU, not wall time, so that a busy machine does not inflate it). ``timings`` (if given)
    receives the part of it taken by the mid-animation and density checks.

    Pure geometry: no manim, no files. Identical snapshots (a wait after a play) are judged once.
    """
    t0 = time.thread_time()
    records: list[Record] = data["records"]
    geometry = _Geometry(data.get("geometry", {}))
    pixel_height = float(data.get("pixel_height") or QUALITIES[data.get("quality", "l")].height)
    merged: dict[tuple, list[Any]] = {}  # key -> [first raw, worst raw, snapshot, last time, count]
    judged: dict[tuple, list[_Raw]] = {}
    for snap in data["snapshots"]:
        state = (tuple(snap["items"]), tuple(snap["frame"]))
        if state not in judged:
            elements = [records[i] for i in snap["items"]]
            judged[state] = _judge(elements, snap["frame"], pixel_height, geometry)
        for raw in judged[state]:
            key = raw.key()
            m = merged.get(key)
            if m is None:
                merged[key] = [raw, snap, snap["time"], 1]
            else:
                m[2] = snap["time"]
                m[3] += 1
                if raw.worse_than(m[0]):
                    m[0] = raw
    findings = [raw.finding(snap["animation"], snap["time"], last, n) for raw, snap, last, n in merged.values()]
    findings += _viewer_findings(data, geometry, timings if timings is not None else {})
    findings.sort(key=lambda f: (f.time, SEVERITY_ORDER[f.severity], f.kind))
    return findings, (time.thread_time() - t0) * 1000


def _timeline_blocks(path: Path) -> list[dict[str, Any]]:
    """The lecture-line blocks the LectureScene recorded (critic.density reads their lines)."""
    try:
        return json.loads(path.read_text()).get("blocks", []) if path.exists() else []
    except (OSError, ValueError):
        return []


def _viewer_findings(data: dict[str, Any], geometry: _Geometry, timings: dict[str, float]) -> list[Finding]:
    """What a viewer sees beyond the end states: motion (critic.motion), density (critic.density)."""
    from .density import density_findings
    from .motion import motion_findings

    t0 = time.thread_time()
    out = motion_findings(data, geometry)
    t1 = time.thread_time()
    out += density_findings(data)
    timings["motion_ms"] = (t1 - t0) * 1000
    timings["density_ms"] = (time.thread_time() - t1) * 1000
    return out


class _Raw:
    """A finding of one snapshot, kept light: Finding models are built once per problem."""

    __slots__ = ("elems", "kind", "message", "severity", "value")

    def __init__(self, kind: str, severity: str, message: str, elems: list[Record], value: float | None) -> None:
        self.kind, self.severity, self.message, self.elems, self.value = kind, severity, message, elems, value

    def line(self) -> int | None:
        return next((e.get("line") for e in self.elems if e.get("line") is not None), None)

    def key(self) -> tuple:
        if self.kind == "crowding":
            return ("crowding",)  # one problem of the scene however its texts change
        return (self.kind, self.line(), tuple(sorted((e["cls"], e.get("text") or "") for e in self.elems)))

    def worse_than(self, other: _Raw) -> bool:
        # the worst measure seen: the smallest text; otherwise the largest overlap or distance
        if self.value is None or other.value is None:
            return False
        return self.value < other.value if self.kind == "text_too_small" else self.value > other.value

    def finding(self, animation: int, t: float, last: float, n: int) -> Finding:
        refs = [MobjectRef(cls=e["cls"], text=e.get("text") or None, source_line=e.get("line"),
                           bbox=tuple(e["bbox"])) for e in self.elems]
        return Finding(kind=self.kind, severity=self.severity, message=self.message, mobjects=refs,
                       source_line=self.line(), animation=animation, time=t, last_time=last,
                       snapshots=n, bboxes=[r.bbox for r in refs],
                       value=None if self.value is None else round(float(self.value), 4))


class _Geometry:
    """Stroke segments by key, decoded once."""

    def __init__(self, raw: dict[str, list[float]]) -> None:
        self.raw = raw
        self.cache: dict[str, np.ndarray] = {}
        # (text record, shape record) -> does the stroke cross the text; records are shared by
        # the snapshots in which they did not change, so most pairs are tested once per scene
        self.crossed: dict[tuple[int, int], bool] = {}
        self.fill: dict[tuple[int, int], _Raw | None] = {}

    def get(self, key: str | None) -> np.ndarray | None:
        if key is None or key not in self.raw:
            return None
        if key not in self.cache:
            self.cache[key] = np.asarray(self.raw[key], dtype=float).reshape(-1, 4)
        return self.cache[key]


def _finding(kind: str, severity: str, message: str, elems: list[Record], value: float | None = None) -> _Raw:
    return _Raw(kind, severity, message, elems, value)


def _area(b: BBox) -> float:
    return max(b[2] - b[0], 0.0) * max(b[3] - b[1], 0.0)


def _inter(a: BBox, b: BBox) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _contains(outer: BBox, inner: BBox, tol: float = th.CONTAINS_TOLERANCE) -> bool:
    return (outer[0] <= inner[0] + tol and outer[1] <= inner[1] + tol
            and outer[2] >= inner[2] - tol and outer[3] >= inner[3] - tol)


def _gap(a: BBox, b: BBox) -> float:
    dx = max(0.0, a[0] - b[2], b[0] - a[2])
    dy = max(0.0, a[1] - b[3], b[1] - a[3])
    return math.hypot(dx, dy)


def _name(r: Record) -> str:
    return f'{r["cls"]} "{r["text"]}"' if r.get("text") else r["cls"]


def judge_state(elements: list[Record], frame: list[float], pixel_height: float,
                geometry: dict[str, list[float]] | None = None) -> list[Finding]:
    """All findings of one snapshot (a list of element records as sandbox.snapshot writes them)."""
    return [r.finding(0, 0.0, 0.0, 1) for r in _judge(elements, frame, pixel_height, _Geometry(geometry or {}))]


def _judge(elements: list[Record], frame: list[float], pixel_height: float, geometry: _Geometry) -> list[_Raw]:
    t_idx = [i for i, e in enumerate(elements) if e["role"] == "text"]
    s_idx = [i for i, e in enumerate(elements)
             if e["role"] != "text" and not e.get("background") and not e.get("container")]
    texts = [elements[i] for i in t_idx]
    out: list[_Raw] = []
    out += _out_of_frame(elements, frame)
    out += _too_small(texts, frame, pixel_height)
    if t_idx:
        # all box intersections of this snapshot at once; the pair rules read their part
        b = _boxes(elements)
        w = np.minimum(b[:, None, 2], b[None, :, 2]) - np.maximum(b[:, None, 0], b[None, :, 0])
        h = np.minimum(b[:, None, 3], b[None, :, 3]) - np.maximum(b[:, None, 1], b[None, :, 1])
        inter = np.clip(w, 0, None) * np.clip(h, 0, None)
        area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
        out += _text_text(elements, t_idx, inter, area)
        out += _text_shape(elements, t_idx, s_idx, (w >= 0) & (h >= 0), geometry)
    out += _crowding(texts)
    out += _labels(elements)
    return out


def _out_of_frame(elements: list[Record], frame: list[float]) -> list[_Raw]:
    cx, cy, w, h = frame
    edge = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    m = th.SAFE_MARGIN
    safe = (edge[0] + m, edge[1] + m, edge[2] - m, edge[3] - m)
    by_top: dict[int, list[tuple[float, bool, Record]]] = {}
    for e in elements:
        if e.get("background"):
            continue
        b = e["bbox"]
        if e["role"] != "text" and e["cls"] in BLEED_CLASSES and (
                (b[0] < safe[0] and b[2] > safe[2]) or (b[1] < safe[1] and b[3] > safe[3])):
            continue  # a deliberate full-bleed divider or backdrop
        over = max(safe[0] - b[0], b[2] - safe[2], safe[1] - b[1], b[3] - safe[3])
        if over > _EPS:
            clipped = b[0] < edge[0] - _EPS or b[2] > edge[2] + _EPS or b[1] < edge[1] - _EPS or b[3] > edge[3] + _EPS
            by_top.setdefault(e["top"], []).append((over, clipped, e))
    out = []
    for items in by_top.values():
        owners_out = {e["id"] for _, _, e in items if e["role"] != "text"}
        # a composite's numbers leave with it: report the composite, not each of its texts
        items = [x for x in items if x[2]["role"] != "text" or x[2].get("owner") not in owners_out]
        items.sort(key=lambda x: -x[0])
        over, _, worst = items[0]
        clipped = any(c for _, c, _ in items)
        where = "past the frame edge (clipped)" if clipped else "inside the safe margin"
        out.append(_finding(
            "out_of_frame", "high" if clipped else "medium",
            f"{_name(worst)} reaches {over:.2f} units {where}; keep {m} from every edge",
            [e for _, _, e in items[:5]], over))
    return out


def _too_small(texts: list[Record], frame: list[float], pixel_height: float) -> list[_Raw]:
    px_per_unit = pixel_height / frame[3]
    by_top: dict[int, list[tuple[float, Record]]] = {}
    for t in texts:
        if t.get("font_size"):
            px = t["font_size"] * t.get("glyph_units", th.GLYPH_UNITS_PER_POINT) * px_per_unit
            if px < th.MIN_TEXT_PX - th.TEXT_PX_SLACK:
                by_top.setdefault(t["top"], []).append((px, t))
    out = []
    for items in by_top.values():
        items.sort(key=lambda x: x[0])
        px, worst = items[0]
        out.append(_finding(
            "text_too_small", "high" if px < th.TEXT_TOO_SMALL_HIGH * th.MIN_TEXT_PX else "medium",
            f"{_name(worst)} is {px:.1f} px high at {int(pixel_height)}p; readable needs "
            f"{th.MIN_TEXT_PX} px (font size {th.MIN_TEXT_PX / worst.get('glyph_units', th.GLYPH_UNITS_PER_POINT) / px_per_unit:.0f})",
            [t for _, t in items[:5]], px))
    return out


def _boxes(items: list[Record]) -> np.ndarray:
    return np.array([r["bbox"] for r in items], dtype=float).reshape(-1, 4)


def _text_text(elements: list[Record], t_idx: list[int], inter: np.ndarray, area: np.ndarray) -> list[_Raw]:
    if len(t_idx) < 2:
        return []
    ti = np.array(t_idx)
    tint, tarea = inter[np.ix_(ti, ti)], area[ti]
    ratio = tint / np.maximum(np.minimum(tarea[:, None], tarea[None, :]), 1e-9)
    out = []
    for i, j in zip(*np.nonzero(np.triu(ratio >= th.TEXT_OVERLAP_RATIO, k=1)), strict=True):
        a, c = elements[t_idx[i]], elements[t_idx[j]]
        if a["chrome"] and c["chrome"]:
            continue
        if a.get("owner") is not None and a.get("owner") == c.get("owner"):
            continue  # parts of one composite (a table's entries)
        r = float(ratio[i, j])
        first, second = (a, c) if (a.get("line") or 0) >= (c.get("line") or 0) else (c, a)
        out.append(_finding(
            "overlap_text_text", "high" if r >= th.TEXT_OVERLAP_HIGH else "medium",
            f"{_name(first)} overlaps {_name(second)} ({r:.0%} of the smaller box)",
            [first, second], r))
    return out


def _segments_hit(seg: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """For each segment (x0, y0, x1, y1), does it cross its box (left, bottom, right, top)?
    Liang-Barsky clipping, vectorized over all rows at once."""
    x0, y0, x1, y1 = seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3]
    dx, dy = x1 - x0, y1 - y0
    u0, u1 = np.zeros_like(dx), np.ones_like(dx)
    ok = np.ones_like(dx, dtype=bool)
    for p, q in ((-dx, x0 - boxes[:, 0]), (dx, boxes[:, 2] - x0), (-dy, y0 - boxes[:, 1]),
                 (dy, boxes[:, 3] - y0)):
        par = np.abs(p) < 1e-12
        ok &= ~(par & (q < 0))
        r = q / np.where(par, 1.0, p)
        u0 = np.where(~par & (p < 0), np.maximum(u0, r), u0)
        u1 = np.where(~par & (p > 0), np.minimum(u1, r), u1)
    return ok & (u0 <= u1)


def _inset(b: BBox) -> BBox:
    w, h = b[2] - b[0], b[3] - b[1]
    k = th.TEXT_BOX_INSET
    return (b[0] + k * w, b[1] + k * h, b[2] - k * w, b[3] - k * h)


def _text_shape(elements: list[Record], t_idx: list[int], s_idx: list[int], touching: np.ndarray,
                geometry: _Geometry) -> list[_Raw]:
    if not s_idx:
        return []
    near = touching[np.ix_(np.array(t_idx), np.array(s_idx))]
    shapes = [elements[j] for j in s_idx]
    found: list[tuple[Record, Record, _Raw]] = []
    strokes: list[tuple[Record, Record, np.ndarray, BBox]] = []
    for i, j in zip(*np.nonzero(near), strict=True):
        t, s = elements[t_idx[i]], shapes[j]
        if t["chrome"] and s["chrome"]:
            continue
        if t.get("owner") is not None and t.get("owner") == s.get("owner"):
            continue  # its own parts
        key = (id(t), id(s))
        if key not in geometry.fill:
            geometry.fill[key] = _fill_problem(t, s) if s["fills"] else None
        f = geometry.fill[key]
        if f:
            found.append((t, s, _Raw(f.kind, f.severity, f.message, list(f.elems), f.value)))
            continue
        seg = None if t.get("backed") else geometry.get(s.get("geom"))  # backed: own background
        box = _inset(t["bbox"])
        if seg is not None and box[2] > box[0] and box[3] > box[1]:
            strokes.append((t, s, seg, box))
    todo = [x for x in strokes if (id(x[0]), id(x[1])) not in geometry.crossed]
    if todo:
        # every new stroke/text pair of this snapshot in one vectorized pass
        sizes = [len(seg) for _, _, seg, _ in todo]
        hit = _segments_hit(np.concatenate([seg for _, _, seg, _ in todo]),
                            np.repeat(np.array([box for *_, box in todo]), sizes, axis=0))
        for (t, s, _, _), c in zip(todo, np.logical_or.reduceat(hit, np.cumsum([0, *sizes[:-1]])),
                                   strict=True):
            geometry.crossed[(id(t), id(s))] = bool(c)
    crossing = [(t, s) for t, s, _, _ in strokes if geometry.crossed[(id(t), id(s))]]
    if crossing:
        opaque = [(f[:4], f[5]) for s in shapes for f in s["fills"] if f[4] >= th.OPAQUE_FILL]
        for t, s in crossing:
            if not _stroke_hidden(t, s, opaque):
                found.append((t, s, _finding("overlap_text_shape", "medium",
                                             f"{_name(s)} crosses {_name(t)}", [t, s], 1.0)))
    for t, s, f in found:
        if (s.get("line") or 0) > (t.get("line") or 0):
            f.elems = f.elems[::-1]  # the later-created one is where to fix it: list it first
    return [f for _, _, f in found]


def _fill_problem(t: Record, s: Record) -> _Raw | None:
    tb = t["bbox"]
    area = max(_area(tb), 1e-9)
    for fill in s["fills"]:
        if fill[4] < th.OPAQUE_FILL:
            continue
        cover = _inter(tb, fill[:4]) / area
        if cover < th.FILLED_SHAPE_COVERAGE:
            continue
        if fill[5] > t["z"]:
            return _finding("overlap_text_shape", "high",
                            f"{_name(s)} is drawn over {_name(t)} and hides {cover:.0%} of it",
                            [t, s], cover)
        if cover < th.TEXT_ON_FILL and not _contains(fill[:4], tb):
            return _finding("overlap_text_shape", "medium",
                            f"{_name(t)} sticks out of the filled {_name(s)} behind it "
                            f"({cover:.0%} on it)", [t, s], cover)
    return None


def _stroke_hidden(t: Record, s: Record, opaque: list[tuple[list[float], int]]) -> bool:
    """An opaque fill drawn between the stroke and the text, under all of the text, hides it."""
    return s["z"] < t["z"] and any(s["z"] < z < t["z"] and _contains(b, t["bbox"]) for b, z in opaque)


def _crowding(texts: list[Record]) -> list[_Raw]:
    units: dict[Any, Record] = {}
    for t in texts:
        if t["chrome"] or t.get("numeric"):
            continue
        key = ("owner", t["owner"]) if t.get("owner") is not None else ("text", t["id"])
        units.setdefault(key, t)
    n = len(units)
    if n <= th.CROWDING_MAX_TEXTS:
        return []
    latest = sorted(units.values(), key=lambda r: -r["z"])
    high = n > th.CROWDING_HIGH_FACTOR * th.CROWDING_MAX_TEXTS
    return [_finding("crowding", "high" if high else "medium",
                     f"{n} separate texts on screen at once (at most {th.CROWDING_MAX_TEXTS} read well); "
                     f"the latest: {_name(latest[0])}", latest[:6], n)]


def _labels(elements: list[Record]) -> list[_Raw]:
    out = []
    for e in elements:
        lab = e.get("label")
        if not lab:
            continue
        if e["role"] == "text":
            if lab["via"] == "next_to" and not lab["drawn"]:
                continue  # next to a text: layout, not a label
        elif lab["via"] != "brace":
            continue
        gap = _gap(e["bbox"], lab["bbox"])
        if gap > th.LABEL_MAX_GAP:
            target = {"cls": lab["cls"], "text": lab.get("text"), "line": lab.get("line"),
                      "bbox": lab["bbox"]}
            out.append(_finding(
                "label_far", "medium",
                f"{_name(e)} is {gap:.2f} units from {_name(target)} it labels "
                f"(at most {th.LABEL_MAX_GAP})", [e, target], gap))
    return out

