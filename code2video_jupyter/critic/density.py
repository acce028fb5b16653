"""Density as a viewer reads it: how much text is on the canvas at once, how tightly its lines
are stacked, and whether there is time to read it -- not a count of text objects.

- **text_wall**: at the end of a play, the texts on the canvas hold more than WALL_GLYPHS glyphs
  (what a viewer must read: Pango and LaTeX draw one path per glyph), or cover more than
  WALL_COVERAGE of the canvas with glyph boxes, or a region of the anchor grid (2x2 cells) more
  than WALL_REGION_COVERAGE of its area. Numbers along axes and the entries of a table or a
  code listing count at COMPOSITE_GLYPH_WEIGHT: they are looked up, not read through.
- **lines_cramped**: at least CRAMPED_MIN_PAIRS pairs of separate texts stacked one under the
  other with a gap smaller than LINE_GAP_MIN times their glyph height (typographic leading is
  about 0.2-0.5 of it between glyph boxes).
- **reading_too_fast**: a viewer who reads at READ_TEXT_GLYPHS_PER_S (formulas at
  READ_MATH_GLYPHS_PER_S), text by text in the order they appear, and who also listens to each
  lecture line's narration, cannot finish a text before it leaves the screen (or the scene
  ends): short by at least READ_MIN_SHORTFALL seconds.

Chrome (the LectureScene's own title and lecture lines) is never counted as canvas text; the
lecture lines enter the reading model as narration.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import layout_grid as grid
from .. import thresholds as th
from .findings import Finding, MobjectRef

Record = dict[str, Any]
_RES = 0.05  # raster step (manim units) for the union of text boxes


# --- what is on screen --------------------------------------------------------------------------
def canvas_rect(data: dict[str, Any], frame: list[float]) -> tuple[float, float, float, float]:
    """The area content lives in: the LectureScene's canvas, or the camera frame."""
    if data.get("lecture_scene"):
        c = grid.CANVAS
        return (c.left, c.bottom, c.right, c.top)
    cx, cy, w, h = frame
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def canvas_texts(elements: list[Record]) -> list[Record]:
    return [e for e in elements if e["role"] == "text" and not e["chrome"] and e.get("glyphs")]


def scanned(t: Record) -> bool:
    """Looked up, not read through: a composite's parts (a table's entries, tick numbers),
    a code listing, a number."""
    return t.get("owner") is not None or t["cls"] == "Code" or bool(t.get("numeric"))


def read_seconds(t: Record) -> float:
    """Seconds a viewer needs for one text: finding it, then its glyphs (Pango and LaTeX draw one
    path per glyph) at the reading rate of prose or of formulas; scanned texts at a share."""
    # LaTeX glyphs are formulas, except Tex, which is prose typeset by LaTeX
    formula = t.get("glyph_units", th.GLYPH_UNITS_PER_POINT) < th.GLYPH_UNITS_PER_POINT and t["cls"] != "Tex"
    rate = th.READ_MATH_GLYPHS_PER_S if formula else th.READ_TEXT_GLYPHS_PER_S
    need = th.READ_ITEM_SECONDS + t["glyphs"] / rate
    return need * th.SCANNED_SHARE if scanned(t) else need


def coverage(texts: list[Record], rect: tuple[float, float, float, float]) -> np.ndarray:
    """A raster of the rect: True where some text box lies."""
    left, bottom, right, top = rect
    nx, ny = max(int((right - left) / _RES), 1), max(int((top - bottom) / _RES), 1)
    mask = np.zeros((ny, nx), dtype=bool)
    for t in texts:
        x0, y0, x1, y1 = _cells(t["bbox"], rect, nx, ny)
        mask[y0:y1, x0:x1] = True
    return mask


def _cells(b: list[float], rect: tuple[float, float, float, float], nx: int, ny: int) -> tuple[int, int, int, int]:
    left, bottom, _, _ = rect
    return (int(np.clip((b[0] - left) / _RES, 0, nx)), int(np.clip((b[1] - bottom) / _RES, 0, ny)),
            int(np.clip((b[2] - left) / _RES, 0, nx)), int(np.clip((b[3] - bottom) / _RES, 0, ny)))


def regions(rect: tuple[float, float, float, float]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The 2x2 blocks of the anchor grid laid over the rect (A1:B2, A2:B3 ... E5:F6), overlapping
    by one cell so that a dense patch is not split between two blocks."""
    left, bottom, right, top = rect
    rows, cols = len(grid.ROWS), grid.COLS
    cw, ch = (right - left) / cols, (top - bottom) / rows
    out = []
    for r in range(rows - 1):
        for c in range(cols - 1):
            box = (left + c * cw, top - (r + 2) * ch, left + (c + 2) * cw, top - r * ch)
            out.append((f"{grid.ROWS[r]}{c + 1}:{grid.ROWS[r + 1]}{c + 2}", box))
    return out


def region_loads(texts: list[Record], rect: tuple[float, float, float, float],
                 mask: np.ndarray) -> list[tuple[str, float, float]]:
    """(region, seconds of reading in it, share of it covered by text); a text's seconds are
    split between regions by the share of its box inside each."""
    ny, nx = mask.shape
    out = []
    for name, box in regions(rect):
        x0, y0, x1, y1 = _cells(list(box), rect, nx, ny)
        share = float(mask[y0:y1, x0:x1].mean()) if x1 > x0 and y1 > y0 else 0.0
        load = 0.0
        for t in texts:
            b = t["bbox"]
            area = max((b[2] - b[0]) * (b[3] - b[1]), 1e-9)
            w = min(b[2], box[2]) - max(b[0], box[0])
            h = min(b[3], box[3]) - max(b[1], box[1])
            if w > 0 and h > 0:
                load += read_seconds(t) * w * h / area
        out.append((name, load, share))
    return out


def glyph_height(t: Record) -> float | None:
    size = t.get("font_size")
    return size * t.get("glyph_units", th.GLYPH_UNITS_PER_POINT) if size else None


def cramped_pairs(texts: list[Record]) -> list[tuple[Record, Record, float]]:
    """(upper, lower, gap / glyph height) for texts stacked with too little space between."""
    free = sorted(texts, key=lambda t: -t["bbox"][3])
    out = []
    for i, up in enumerate(free):
        below = None
        for lo in free[i + 1:]:
            ua, la = up["bbox"], lo["bbox"]
            if up.get("owner") is not None and up.get("owner") == lo.get("owner"):
                continue
            shared = min(ua[2], la[2]) - max(ua[0], la[0])
            if shared < 0.5 * min(ua[2] - ua[0], la[2] - la[0]) or la[3] > ua[1] + 1e-3:
                continue  # not under it (or overlapping it: the overlap rule's case)
            below = lo
            break
        if below is None:
            continue
        heights = [h for h in (glyph_height(up), glyph_height(below)) if h]
        if not heights:
            continue
        gap = up["bbox"][1] - below["bbox"][3]
        ratio = gap / min(heights)
        if ratio < th.LINE_GAP_MIN:
            out.append((up, below, ratio))
    return out


# --- findings -----------------------------------------------------------------------------------
def density_findings(data: dict[str, Any]) -> list[Finding]:
    records: list[Record] = data["records"]
    snaps = data.get("snapshots", [])
    out: dict[tuple, Finding] = {}
    judged: dict[tuple, list[tuple[str, str, str, list[Record], float]]] = {}
    for snap in snaps:
        state = (tuple(snap["items"]), tuple(snap["frame"]))
        if state not in judged:
            judged[state] = _state_problems(data, [records[i] for i in snap["items"]], snap["frame"])
        for kind, severity, message, elems, value in judged[state]:
            key = (kind,)
            f = out.get(key)
            if f is None:
                out[key] = _finding(kind, severity, message, elems, value, snap)
            else:
                f.snapshots += 1
                f.last_time = snap["time"]
                if value > (f.value or 0):
                    f.value, f.message = round(value, 4), message
    return list(out.values()) + reading_findings(data)


def _state_problems(data: dict[str, Any], elements: list[Record], frame: list[float]) -> list[tuple]:
    texts = canvas_texts(elements)
    if not texts:
        return []
    out = []
    rect = canvas_rect(data, frame)
    load = sum(read_seconds(t) for t in texts)
    mask = coverage(texts, rect)
    share = float(mask.mean())
    by_region = region_loads(texts, rect, mask)
    region, region_load, region_share = max(by_region, key=lambda r: r[1])
    # where to fix it: the source line whose texts take the most reading (a loop's line)
    per_line: dict[Any, float] = {}
    for t in texts:
        per_line[t.get("line")] = per_line.get(t.get("line"), 0.0) + read_seconds(t)
    heavy = max(per_line, key=lambda k: per_line[k])
    latest = sorted(texts, key=lambda t: (t.get("line") != heavy, -t["z"]))[:6]
    if load > th.WALL_READ_SECONDS or region_load > th.WALL_REGION_SECONDS:
        where = (f"{load:.0f} s of reading on screen at once (at most {th.WALL_READ_SECONDS:g})"
                 if load > th.WALL_READ_SECONDS else
                 f"{region_load:.0f} s of reading packed in region {region} (at most {th.WALL_REGION_SECONDS:g})")
        high = load > th.WALL_HIGH_FACTOR * th.WALL_READ_SECONDS
        out.append(("text_wall", "high" if high else "medium",
                    f"a wall of text: {where}; {len(texts)} texts, {sum(t['glyphs'] for t in texts)} glyphs, "
                    f"covering {share:.0%} of the canvas and {region_share:.0%} of {region}",
                    latest, max(load / th.WALL_READ_SECONDS, region_load / th.WALL_REGION_SECONDS)))
    cramped = cramped_pairs(texts)
    if len(cramped) >= th.CRAMPED_MIN_PAIRS:
        worst = min(cramped, key=lambda c: c[2])
        elems = [e for c in sorted(cramped, key=lambda c: -c[1]["z"]) for e in c[:2]]
        unique = list({id(e): e for e in elems}.values())[:6]
        out.append(("lines_cramped", "medium",
                    f"{len(cramped) + 1} lines stacked with gaps down to {worst[2]:.2f} of their glyph "
                    f"height (leave at least {th.LINE_GAP_MIN}): hard to tell one line from the next",
                    unique, 1.0 / max(worst[2], 0.01)))
    return out


def _finding(kind: str, severity: str, message: str, elems: list[Record], value: float,
             snap: dict[str, Any]) -> Finding:
    refs = [MobjectRef(cls=e["cls"], text=e.get("text") or None, source_line=e.get("line"),
                       bbox=tuple(e["bbox"])) for e in elems]
    line = next((r.source_line for r in refs if r.source_line is not None), None)
    return Finding(kind=kind, severity=severity, message=message, mobjects=refs, source_line=line,
                   animation=snap["animation"], time=snap["time"], last_time=snap["time"],
                   snapshots=1, bboxes=[r.bbox for r in refs], value=round(value, 4))


# --- reading time -------------------------------------------------------------------------------
class _Unit:
    __slots__ = ("appear", "elem", "gone", "need", "snap")

    def __init__(self, elem: Record, need: float, appear: float, snap: dict[str, Any]) -> None:
        self.elem, self.need, self.appear, self.snap = elem, need, appear, snap
        self.gone = float("inf")


def reading_units(data: dict[str, Any]) -> list[_Unit]:
    """Every canvas text a viewer has to read, from the start of the play that shows it until
    it leaves (or the scene ends), in the order a viewer meets them."""
    records: list[Record] = data["records"]
    snaps = data.get("snapshots", [])
    if not snaps or snaps[-1]["time"] <= 0:
        return []  # no play at all: a still image, read for as long as it is looked at
    live: dict[tuple, _Unit] = {}
    units: list[_Unit] = []
    for snap in snaps:
        now = set()
        start = snap.get("start", snap["time"])
        for i in snap["items"]:
            e = records[i]
            if e["role"] != "text" or e["chrome"] or not e.get("glyphs") or scanned(e):
                continue  # tick numbers, table entries, listings: looked up when needed
            # a number that changes in place (a readout) is one thing to read, not a new one each time
            key = (e["id"],) if e.get("numeric") else (e["id"], e.get("text"), e["glyphs"])
            now.add(key)
            if key not in live:
                live[key] = _Unit(e, read_seconds(e), start, snap)
                units.append(live[key])
        for key in [k for k in live if k not in now]:
            # it left during this play: visible until about its middle (a fade)
            live.pop(key).gone = (start + snap["time"]) / 2
    for u in live.values():
        u.gone = snaps[-1]["time"] + th.READ_END_GRACE
    units.sort(key=lambda u: (u.appear, -u.elem["bbox"][3], u.elem["bbox"][0]))
    return units


def reading_findings(data: dict[str, Any]) -> list[Finding]:
    """The viewer reads the texts one after another; what leaves before it is read is short.
    One finding per moment at which unread text leaves."""
    clock = 0.0
    short: dict[float, list[tuple[_Unit, float]]] = {}
    for u in reading_units(data):
        begin = max(clock, u.appear)
        if begin + u.need <= u.gone + 1e-6:
            clock = begin + u.need
            continue
        short.setdefault(round(u.gone, 3), []).append((u, begin + u.need - max(u.gone, begin)))
        clock = max(begin, u.gone)
    out: dict[int | None, Finding] = {}
    for gone, items in sorted(short.items()):
        total = sum(m for _, m in items)
        if total < th.READ_MIN_SHORTFALL:
            continue
        first = min(items, key=lambda x: x[0].appear)[0]
        glyphs = sum(u.elem["glyphs"] for u, _ in items)
        on_screen = gone - min(u.appear for u, _ in items)
        narration = _narration_at(data, first.appear)
        message = (f"{glyphs} glyphs of text are on screen for {on_screen:.1f} s{narration}: a viewer "
                   f"needs about {total:.1f} s more to read them (prose at {th.READ_TEXT_GLYPHS_PER_S:g}, "
                   f"formulas at {th.READ_MATH_GLYPHS_PER_S:g} glyphs/s)")
        f = _finding("reading_too_fast", "high" if total > th.READ_HIGH_SHORTFALL else "medium",
                     message, [u.elem for u, _ in items[:6]], total, first.snap)
        seen = out.get(f.source_line)
        if seen is None:
            out[f.source_line] = f
        else:  # the same line again (captions made in a loop): one problem, its worst moment
            seen.snapshots += 1
            seen.last_time = f.time
            if total > (seen.value or 0):
                seen.value, seen.message, seen.severity = f.value, f.message, f.severity
    return list(out.values())


def _narration_at(data: dict[str, Any], t: float) -> str:
    """The lecture line whose block shows the text, for the message: its narration sets the
    block's length, so more text needs a longer line, or a later one."""
    for block in data.get("blocks", []):
        if block["start"] - 1e-6 <= t < block.get("end", block["start"]) - 1e-6:
            words = len(str(block.get("text", "")).split())
            return (f" (lecture line {block['index'] + 1}: {words} words of narration, "
                    f"{block['end'] - block['start']:.1f} s)")
    return ""
