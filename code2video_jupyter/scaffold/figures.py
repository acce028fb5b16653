"""Builders for the visual vocabulary. Each returns one Mobject (a VGroup with named parts), at
any size: the scene's ``place_in`` fits it to its canvas area afterwards."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from manim import (
    BLUE_D,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Circle,
    Code,
    DashedLine,
    Dot,
    Ellipse,
    ImageMobject,
    Line,
    Matrix,
    Mobject,
    NumberLine,
    NumberPlane,
    Polygon,
    Rectangle,
    RightAngle,
    Square,
    SVGMobject,
    Table,
    Text,
    VGroup,
    VMobject,
    config,
)

from ..theme.colors import readable
from ..thresholds import (
    BODY_FONT_SIZE,
    CANVAS_FONT_SIZE,
    EQUATION_FONT_SIZE,
    MATRIX_FONT_SIZE,
    TICK_FONT_SIZE,
)
from .mathtext import equation, has_latex, math_label
from .text import wrapped_text
from .theme import current, hex_of, series, stroke_ink

# Colours come from the render's theme (scaffold/theme.py): the palette for curves and vectors
# (a lesson's own colours made readable on the background), muted axes, the highlight for
# marks, so a light theme needs nothing of the lesson or the compiled code.


def _nice_step(span: float, target_ticks: int = 8) -> float:
    raw = span / target_ticks
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def _tick_values(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step - 1e-9) * step
    n = int(math.floor((hi - first) / step + 1e-9)) + 1
    return [round(first + i * step, 10) for i in range(max(n, 0))]


def _num(v: float) -> str:
    return str(int(round(v))) if abs(v - round(v)) < 1e-9 else f"{v:g}"


def _label_numbers(axis: NumberLine, values: Sequence[float], direction,
                   font_size: float = TICK_FONT_SIZE) -> VGroup:
    """Tick numbers as Pango text: no LaTeX run per number, and works without LaTeX."""
    out = VGroup()
    for v in values:
        t = Text(_num(v), font_size=font_size)
        t.next_to(axis.number_to_point(v), direction, buff=0.15)
        # A curve may pass over a tick number: the number stays on top, on a backing of the
        # background's colour, so it stays readable.
        t.add_background_rectangle(color=config.background_color, opacity=1.0, buff=0.04)
        t.set_z_index(2)
        out.add(t)
    return out


def _sample(f: Callable[[float], float], lo: float, hi: float, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    xs = np.linspace(lo, hi, n)
    with np.errstate(all="ignore"):
        ys = np.array([_safe(f, x) for x in xs], dtype=float)
    return xs, ys


def _safe(f: Callable[[float], float], x: float) -> float:
    try:
        y = float(f(x))
    except (ArithmeticError, ValueError):
        return math.nan
    return y if math.isfinite(y) else math.nan


def function_plot(
    functions: Sequence[tuple[Callable[[float], float], str | None, str | None]],
    x_range: tuple[float, float] = (-4, 4),
    y_range: tuple[float, float] | None = None,
    x_label: str = "x",
    y_label: str = "y",
    tangent_at: float | None = None,
    secant: tuple[float, float] | None = None,
    area: tuple[float, float] | None = None,
    dots: Sequence[float] = (),
    size: tuple[float, float] | None = None,
) -> VGroup:
    """Axes with curves; parts: .axes, .curves, .labels, .extras (tangent, secant, area, dots).

    ``size`` (width, height) builds the plot for that area, so its numbers stay readable
    instead of being shrunk to fit."""
    lo, hi = x_range
    samples = [_sample(f, lo, hi) for f, _, _ in functions]
    if y_range is None:
        finite = np.concatenate([ys[np.isfinite(ys)] for _, ys in samples] or [np.zeros(1)])
        if finite.size == 0:
            finite = np.zeros(1)
        # robust range: ignore the tails of asymptotes
        ylo, yhi = np.percentile(finite, [2, 98]) if finite.size > 10 else (finite.min(), finite.max())
        ylo, yhi = min(ylo, 0.0), max(yhi, 0.0)
        pad = 0.1 * max(yhi - ylo, 1.0)
        y_range = (ylo - pad, yhi + pad)
    ylo, yhi = y_range
    xstep, ystep = _nice_step(hi - lo), _nice_step(yhi - ylo, 6)
    x_length, y_length = (7.0, 5.0) if size is None else (max(2.5, size[0] - 1.4), max(1.6, size[1] - 1.1))
    axes = Axes(
        x_range=[lo, hi, xstep], y_range=[ylo, yhi, ystep], x_length=x_length, y_length=y_length,
        tips=False, axis_config={"include_numbers": False, "color": current().muted},
    )
    # Numbers next to the other axis would collide with its numbers: leave those out.
    origin = axes.c2p(min(max(0, lo), hi), min(max(0, ylo), yhi))
    xs_shown = [v for v in _tick_values(lo, hi, xstep)
                if abs(axes.c2p(v, 0)[0] - origin[0]) > 0.35]
    ys_shown = [v for v in _tick_values(ylo, yhi, ystep)
                if abs(axes.c2p(0, v)[1] - origin[1]) > 0.35]
    numbers = VGroup(_label_numbers(axes.x_axis, xs_shown, DOWN),
                     _label_numbers(axes.y_axis, ys_shown, LEFT))
    axis_labels = VGroup(
        math_label(x_label, 30).next_to(axes.x_axis.get_end(), RIGHT, buff=0.2),
        math_label(y_label, 30).next_to(axes.y_axis.get_end(), UP, buff=0.2),
    )
    curves, labels = VGroup(), VGroup()
    for i, ((_, label, color), (xs, ys)) in enumerate(zip(functions, samples, strict=True)):
        color = series(i, color)
        curve = _curve(axes, xs, ys, (ylo, yhi)).set_color(color)
        curves.add(curve)
        if label:
            lab = math_label(label, 30).set_color(color)
            end = _last_visible_point(axes, xs, ys, (ylo, yhi))
            lab.next_to(end, UP + LEFT * 0.5, buff=0.15)
            labels.add(lab)
    extras = VGroup()
    f0 = functions[0][0]
    if area is not None:
        xs = np.linspace(area[0], area[1], 100)
        # NaN (e.g. sin(x)/x at 0) would poison the polygon's bounding box: leave those out
        ys = [np.clip(_safe(f0, x), ylo, yhi) for x in xs]
        curve_pts = [axes.c2p(x, y) for x, y in zip(xs, ys, strict=True) if np.isfinite(y)]
        pts = [axes.c2p(area[0], 0), *curve_pts, axes.c2p(area[1], 0)]
        extras.add(Polygon(*pts, stroke_width=0, fill_color=current().accent, fill_opacity=0.35))
    if secant is not None:
        a, b = secant
        pa, pb = axes.c2p(a, _safe(f0, a)), axes.c2p(b, _safe(f0, b))
        direction = (pb - pa) / (np.linalg.norm(pb - pa) or 1)
        green = series(2)
        extras.add(Line(pa - direction * 1.0, pb + direction * 1.0, color=green),
                   Dot(pa, color=green), Dot(pb, color=green))
    if tangent_at is not None:
        h = 1e-4 * max(1.0, abs(tangent_at))
        y0 = _safe(f0, tangent_at)
        slope = (_safe(f0, tangent_at + h) - _safe(f0, tangent_at - h)) / (2 * h)
        half = (hi - lo) / 6
        x1, x2 = tangent_at - half, tangent_at + half
        extras.add(Line(axes.c2p(x1, y0 + slope * (x1 - tangent_at)),
                        axes.c2p(x2, y0 + slope * (x2 - tangent_at)), color=series(3)),
                   Dot(axes.c2p(tangent_at, y0), color=series(3)))
    for x in dots:
        extras.add(Dot(axes.c2p(x, _safe(f0, x)), color=current().highlight))
    group = VGroup(axes, numbers, axis_labels, curves, labels, extras)
    group.axes, group.curves, group.labels, group.extras = axes, curves, labels, extras
    group.frame = VGroup(axes, numbers, axis_labels)
    return group


def _curve(axes: Axes, xs: np.ndarray, ys: np.ndarray, y_range: tuple[float, float]) -> VMobject:
    """The curve as pieces between gaps (NaN, or far outside the y range: asymptotes)."""
    ylo, yhi = y_range
    span = yhi - ylo
    ok = np.isfinite(ys) & (ys > ylo - 0.5 * span) & (ys < yhi + 0.5 * span)
    out = VGroup()
    run: list[np.ndarray] = []
    for x, y, good in zip(xs, ys, ok, strict=True):
        if good:
            run.append(axes.c2p(x, float(np.clip(y, ylo, yhi))))
        elif run:
            out.add(_polyline(run))
            run = []
    if run:
        out.add(_polyline(run))
    return out


def _polyline(points: list[np.ndarray]) -> VMobject:
    m = VMobject(stroke_width=4)
    if len(points) == 1:
        points = [points[0], points[0] + RIGHT * 1e-3]
    m.set_points_as_corners(points)
    return m


def _last_visible_point(axes, xs, ys, y_range):
    ylo, yhi = y_range
    for x, y in zip(xs[::-1], ys[::-1], strict=True):
        if np.isfinite(y) and ylo <= y <= yhi:
            return axes.c2p(x, y)
    return axes.c2p(xs[-1], 0)


def number_line(
    x_range: tuple[float, float] = (-5, 5),
    step: float = 1,
    marks: Sequence[tuple[float, str | None]] = (),
    interval: tuple[float, float] | None = None,
    width: float | None = None,
) -> VGroup:
    """A number line with tick numbers, marked points and an optional highlighted interval."""
    lo, hi = x_range
    length = 8.0 if width is None else max(2.5, width - 0.8)
    line = NumberLine(x_range=[lo, hi, step], length=length, include_numbers=False, include_tip=False)
    ticks = _tick_values(lo, hi, step)
    shown = ticks if len(ticks) <= 21 else ticks[::2]
    numbers = _label_numbers(line, shown, DOWN)
    extras = VGroup()
    if interval is not None:
        a, b = interval
        extras.add(Line(line.n2p(a), line.n2p(b), color=current().highlight, stroke_width=10))
    for at, label in marks:
        dot = Dot(line.n2p(at), color=series(3), radius=0.1)
        extras.add(dot)
        if label:
            extras.add(math_label(label, 30).next_to(dot, UP, buff=0.2))
    group = VGroup(line, numbers, extras)
    group.line, group.numbers, group.marks = line, numbers, extras
    return group


def _shape(item: dict) -> VGroup:
    kind = item["shape"]
    color = stroke_ink(item.get("color"))
    fill = 0.35 if item.get("fill") else 0.0
    size = float(item.get("size", 2.0))
    parts = VGroup()
    if kind in ("triangle", "polygon"):
        pts = np.array([[x, y, 0.0] for x, y in item["points"]], dtype=float)
        extent = max(np.ptp(pts[:, 0]), np.ptp(pts[:, 1]), 1e-9)
        pts = (pts - pts.mean(axis=0)) * (3.0 / extent)
        body = Polygon(*pts, color=color, fill_opacity=fill)
        parts.add(body)
        centroid = pts.mean(axis=0)
        n = len(pts)
        for i, lab in enumerate(item.get("vertex_labels", [])):
            out = pts[i] - centroid
            out = out / (np.linalg.norm(out) or 1)
            parts.add(math_label(lab, 34).move_to(pts[i] + out * 0.4))
        for i, lab in enumerate(item.get("side_labels", [])):
            a, b = pts[i], pts[(i + 1) % n]
            mid = (a + b) / 2
            out = mid - centroid
            out = out / (np.linalg.norm(out) or 1)
            parts.add(math_label(lab, 34).set_color(current().highlight).move_to(mid + out * 0.4))
        if item.get("right_angle") is not None:
            k = item["right_angle"]
            v, prev, nxt = pts[k], pts[k - 1], pts[(k + 1) % n]
            parts.add(RightAngle(Line(v, nxt), Line(v, prev), length=0.3, color=current().text))
        body_label = item.get("label")
        if body_label:
            parts.add(math_label(body_label, 34).move_to(centroid))
        parts.body = body
        return parts
    if kind == "circle":
        body = Circle(radius=size / 2, color=color, fill_opacity=fill)
    elif kind == "square":
        body = Square(side_length=size, color=color, fill_opacity=fill)
    elif kind == "rectangle":
        body = Rectangle(width=size, height=item.get("height") or size * 0.6, color=color, fill_opacity=fill)
    elif kind == "ellipse":
        body = Ellipse(width=size, height=item.get("height") or size * 0.6, color=color, fill_opacity=fill)
    else:  # dot
        body = Dot(radius=0.12, color=color)
    parts.add(body)
    if item.get("label"):
        lab = math_label(item["label"], 34)
        if kind == "dot":
            lab.next_to(body, UP, buff=0.2)
        elif lab.width > body.width * 0.8 or lab.height > body.height * 0.8:
            lab.next_to(body, DOWN, buff=0.25)
        parts.add(lab)
    parts.body = body
    return parts


def shape_figure(items: Sequence[dict]) -> VGroup:
    """Shapes with labels, side by side; parts: .shapes (each with .body)."""
    shapes = VGroup(*[_shape(it) for it in items]).arrange(RIGHT, buff=0.9)
    group = VGroup(shapes)
    group.shapes = shapes
    return group


def vector_diagram(
    vectors: Sequence[tuple[tuple[float, float], tuple[float, float], str | None, str | None]],
    plane: bool = True,
    show_sum: bool = False,
    size: tuple[float, float] | None = None,
) -> VGroup:
    """Arrows (start, end, label, colour) on a coordinate grid; parts: .plane, .arrows."""
    ends = [v[0] for v in vectors] + [v[1] for v in vectors]
    if show_sum and len(vectors) >= 2:
        e1, s2, e2 = vectors[0][1], vectors[1][0], vectors[1][1]
        sum_end = (e1[0] + e2[0] - s2[0], e1[1] + e2[1] - s2[1])
        ends.append(sum_end)
    r = max(2.0, *(abs(c) for p in ends for c in p)) + 1
    r = math.ceil(r)
    side = 6.0 if size is None else max(2.5, min(size) - 0.6)
    grid = NumberPlane(
        x_range=[-r, r, 1], y_range=[-r, r, 1], x_length=side, y_length=side,
        # manim's own grid blue and axes in the text colour: unchanged in the dark theme
        background_line_style={"stroke_color": readable(hex_of(BLUE_D), current().background, 1.5),
                               "stroke_opacity": 0.4 if plane else 0.0},
        axis_config={"stroke_color": current().text, "stroke_opacity": 1.0 if plane else 0.0},
    )
    arrows = VGroup()
    wanted: list[tuple[Mobject, Mobject]] = []  # (label, its arrow)
    for i, (start, end, label, color) in enumerate(vectors):
        color = series(i, color)
        arrow = Arrow(grid.c2p(*start), grid.c2p(*end), buff=0, color=color)
        arrows.add(arrow)
        if label:
            wanted.append((math_label(label, 34).set_color(color), arrow))
    if show_sum and len(vectors) >= 2:
        e1, s2, e2 = vectors[0][1], vectors[1][0], vectors[1][1]
        shifted_end = (e1[0] + e2[0] - s2[0], e1[1] + e2[1] - s2[1])
        arrows.add(DashedLine(grid.c2p(*e1), grid.c2p(*shifted_end), color=current().muted))
        arrows.add(Arrow(grid.c2p(*vectors[0][0]), grid.c2p(*shifted_end), buff=0, color=series(2)))
    labels = VGroup()
    for label, arrow in wanted:
        labels.add(_place_label(label, arrow, [*arrows], [*labels]))
    group = VGroup(grid, arrows, labels)
    group.plane, group.arrows, group.labels = grid, arrows, labels
    return group


def _box_hits_segment(box: np.ndarray, a: np.ndarray, b: np.ndarray) -> bool:
    """Does the segment a-b pass through the box (left, bottom, right, top)?"""
    left, bottom, right, top = box
    for t in np.linspace(0.0, 1.0, 41):
        x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        if left <= x <= right and bottom <= y <= top:
            return True
    return False


def _place_label(label: Mobject, arrow: Mobject, arrows: list[Mobject], placed: list[Mobject]) -> Mobject:
    """Beside its arrow, clear of every arrow (tips included) and of the labels placed so far:
    the first free spot along the arrow, on either side, a little further out each try."""
    start, end = arrow.get_start(), arrow.get_end()
    direction = end - start
    normal = np.array([-direction[1], direction[0], 0.0])
    normal = normal / (np.linalg.norm(normal) or 1)
    half = np.array([label.width / 2, label.height / 2])
    best = None
    for offset in (0.35, 0.55, 0.8):
        for frac in (0.72, 0.55, 0.85, 0.4):
            for side in (1, -1):
                center = start + direction * frac + normal * side * (offset + max(half))
                box = np.array([center[0] - half[0] - 0.06, center[1] - half[1] - 0.06,
                                center[0] + half[0] + 0.06, center[1] + half[1] + 0.06])
                if best is None:
                    best = center
                hit = any(_box_hits_segment(box, a.get_start(), a.get_end()) for a in arrows)
                tip_hit = any(_box_hits_segment(box, a.get_end(), a.get_end()) for a in arrows)
                other = any(not (box[2] < o.get_left()[0] or o.get_right()[0] < box[0]
                                 or box[3] < o.get_bottom()[1] or o.get_top()[1] < box[1]) for o in placed)
                if not (hit or tip_hit or other):
                    return label.move_to(center)
    return label.move_to(best)


def tag_text_size(mobject: Mobject, font_size: float) -> None:
    """Remember the size Paragraphs were made at, so their effective size can be checked later
    (a Paragraph has no font_size of its own)."""
    from manim import Paragraph

    for m in mobject.get_family():
        if isinstance(m, Paragraph) and m.width > 0:
            m.c2v_reference = (font_size, m.width)


def table(rows: Sequence[Sequence[str]], header: bool = True) -> VGroup:
    """A table of text cells; the first row is the header unless header=False."""
    body = [list(r) for r in (rows[1:] if header and len(rows) > 1 else rows)]
    col_labels = ([Text(c, font_size=BODY_FONT_SIZE, color=current().highlight) for c in rows[0]]
                  if header and len(rows) > 1 else None)
    cols, n_rows = len(rows[0]), len(rows)
    # Tight spacing for wide or long tables, so they need less shrinking to fit.
    t = Table(body, col_labels=col_labels, element_to_mobject_config={"font_size": BODY_FONT_SIZE},
              h_buff=1.3 if cols <= 4 else 0.55, v_buff=0.8 if n_rows <= 4 else 0.45,
              include_outer_lines=True, line_config={"stroke_width": 2, "color": current().muted})
    tag_text_size(t, BODY_FONT_SIZE)
    group = VGroup(t)
    group.table = t
    return group


def matrix(rows: Sequence[Sequence[str]], label: str | None = None) -> VGroup:
    """A matrix with brackets; entries are LaTeX (plain text without LaTeX)."""
    if has_latex():
        m = Matrix([list(r) for r in rows], element_alignment_corner=ORIGIN)
    else:
        cells = VGroup(*[equation(c, font_size=MATRIX_FONT_SIZE) for r in rows for c in r])
        cells.arrange_in_grid(rows=len(rows), buff=(0.6, 0.35))
        h = cells.height + 0.3
        bracket = lambda side: VGroup(  # noqa: E731 - a local drawing helper
            Line(UP * h / 2, DOWN * h / 2),
            Line(UP * h / 2, UP * h / 2 + side * 0.2),
            Line(DOWN * h / 2, DOWN * h / 2 + side * 0.2),
        )
        m = VGroup(bracket(RIGHT).next_to(cells, LEFT, buff=0.15), cells,
                   bracket(LEFT).next_to(cells, RIGHT, buff=0.15))
    group = VGroup(m)
    if label:
        lab = equation(label, font_size=EQUATION_FONT_SIZE).next_to(m, LEFT, buff=0.3)
        group.add(lab)
    group.matrix = m
    return group


def image(path: str, caption: str | None = None) -> Mobject:
    """A PNG/JPEG (as pixels) or an SVG (as vectors), with an optional caption below."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"image not found: {path} (paths are relative to the lesson file)")
    pic: Mobject = SVGMobject(str(p)) if p.suffix.lower() == ".svg" else ImageMobject(str(p))
    pic.scale_to_fit_height(4)
    if p.parent.name == "icons":
        # Line icons are drawn for 24 px with 2 px strokes; at 4 units tall that stroke is a
        # hairline, so it is drawn as thick as the scaffold's other lines.
        pic.set_stroke(width=5)
    if caption is None:
        return pic
    cap = Text(caption, font_size=CANVAS_FONT_SIZE).next_to(pic, DOWN, buff=0.25)
    from manim import Group

    return Group(pic, cap)


def code_listing(code: str, language: str = "python", highlight_lines: Sequence[int] = ()) -> VGroup:
    """A code listing with syntax colours; highlight_lines (1-based) get a marker bar behind."""
    theme = current()
    paragraph = {"font_size": CANVAS_FONT_SIZE} | ({"font": theme.code_font} if theme.code_font else {})
    listing = Code(code_string=code.rstrip("\n") + "\n", language=language, background="window",
                   formatter_style=theme.code_style, paragraph_config=paragraph,
                   background_config={"stroke_color": theme.text})
    tag_text_size(listing, CANVAS_FONT_SIZE)
    group = VGroup(listing)
    for n in highlight_lines:
        if 1 <= n <= len(listing.code_lines):
            ln = listing.code_lines[n - 1]
            bar = Rectangle(width=listing.background.width - 0.2, height=ln.height + 0.12,
                            stroke_width=0, fill_color=theme.highlight, fill_opacity=0.25)
            bar.move_to([listing.background.get_center()[0], ln.get_center()[1], 0])
            group.add(bar)
    group.listing = listing
    return group


def text_block(text: str, width: float = 6.0, font_size: float = BODY_FONT_SIZE) -> Mobject:
    return wrapped_text(text, width=width, font_size=font_size)
