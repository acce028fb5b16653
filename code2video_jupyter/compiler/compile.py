"""Storyboard section -> a readable scene.py built on the scaffold: the offline Coder, and the
agents' last-resort fallback, so its output must always render.

Canvas rule: a visual takes its `at` area (default: the whole canvas, or an equal band of rows
when a line shows several visuals); an earlier visual whose area it overlaps fades out first.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field

from .. import layout_grid as grid
from ..contracts.storyboard import Section
from ..contracts.visuals import (
    ACTION_KINDS,
    CodeVisual,
    EquationVisual,
    HighlightVisual,
    ImageVisual,
    MatrixVisual,
    NumberLineVisual,
    PlotVisual,
    ShapeVisual,
    TableVisual,
    TextVisual,
    TransformVisual,
    VectorVisual,
)
from ..expressions import to_numpy

# Bump when the generated code changes, so compiled (not user-edited) scenes are redone.
COMPILER_VERSION = "2"

_RESERVED = set(keyword.kwlist) | {"self", "np", "config", "line", "print", "range", "len",
                                   "type", "id", "input", "list", "dict", "set", "str"}


def class_name(section_id: int) -> str:
    return f"Section{section_id:02d}"


def _lit(s: str) -> str:
    """A Python literal for s; raw-string form for LaTeX when that is exact."""
    if "\n" not in s and '"' not in s and not s.endswith("\\") and s.isprintable():
        return f'r"{s}"' if "\\" in s else f'"{s}"'
    return repr(s)


@dataclass
class _Canvas:
    items: dict[str, grid.Rect] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def name(self, kind: str, vid: str | None) -> str:
        if vid and vid not in _RESERVED and not vid.startswith("_"):
            return vid
        base = {"number_line": "numline", "equation": "eq"}.get(kind, kind)
        self.counts[base] = self.counts.get(base, 0) + 1
        return f"{base}{self.counts[base]}"


def _default_areas(n: int) -> list[str]:
    """n visuals without `at` on one line share the canvas in bands of rows."""
    if n <= 1:
        return ["A1:F6"]
    rows = grid.ROWS
    bands = []
    for i in range(n):
        r0 = i * len(rows) // n
        r1 = (i + 1) * len(rows) // n - 1
        bands.append(f"{rows[r0]}1:{rows[max(r1, r0)]}6")
    return bands


def compile_section(section: Section) -> str:
    """Return the source of scene.py for one section."""
    canvas = _Canvas()
    isolate: dict[str, list[str]] = {}
    for ln in section.lecture_lines:
        for v in ln.visuals:
            if isinstance(v, HighlightVisual) and v.part:
                isolate.setdefault(v.target, []).append(v.part)
    names: dict[str, str] = {}  # visual id -> variable
    body: list[str] = []
    for k, ln in enumerate(section.lecture_lines):
        body.append(f"        with self.line({k}):")
        placed = [v for v in ln.visuals if v.kind not in ACTION_KINDS]
        defaults = iter(_default_areas(sum(1 for v in placed if v.at is None)))
        steps: list[str] = []
        for v in ln.visuals:
            if v.kind in ACTION_KINDS:
                steps += _action(v, names)
                continue
            area = v.at or next(defaults)
            rect = grid.placement_rect(area)
            var = canvas.name(v.kind, v.id)
            covered = [n for n, r in canvas.items.items() if r.overlaps(rect)]
            if covered:
                steps.append(f"self.clear_canvas({', '.join(covered)})")
                for n in covered:
                    del canvas.items[n]
            canvas.items[var] = rect
            if v.id:
                names[v.id] = var
            steps += _show(v, var, area, isolate.get(v.id or "", []))
        if not steps:
            steps = ["pass  # the block holds this line on screen for its reading time"]
        body += [f"            {s}" for s in steps]
    lines_src = "\n".join(f"        {_lit(ln.text)}," for ln in section.lecture_lines)
    return (
        f'"""Section {section.id}: {section.title}\n\n'
        f"Compiled from the storyboard by code2video-jupyter (compiler v{COMPILER_VERSION}).\n"
        f'Edit freely: a re-run keeps your version and renders only what changed.\n"""\n\n'
        "from manim import *\n\n"
        "from code2video_jupyter.scaffold import *\n\n\n"
        f"class {class_name(section.id)}(LectureScene):\n"
        f"    title = {_lit(section.title)}\n"
        f"    lines = [\n{lines_src}\n    ]\n\n"
        "    def construct(self):\n" + "\n".join(body) + "\n"
    )


def _place(var: str, builder: str, area: str) -> str:
    return f'{var} = self.place_in({builder}, "{area}")'


def _size(area: str) -> tuple[float, float]:
    r = grid.placement_rect(area)
    return (round(r.width - 0.25, 2), round(r.height - 0.25, 2))


def _show(v, var: str, area: str, isolate: list[str]) -> list[str]:
    if isinstance(v, EquationVisual):
        iso = f", isolate={isolate!r}" if isolate else ""
        return [_place(var, f"equation({_lit(v.latex)}{iso})", area), f"self.play(Write({var}))"]
    if isinstance(v, PlotVisual):
        fns = ", ".join(
            f"(lambda x: {to_numpy(c.expr)}, {_lit(c.label) if c.label else None}, "
            f"{_lit(c.color) if c.color else None})"
            for c in v.functions
        )
        args = [f"[{fns}]", f"x_range={tuple(v.x_range)}"]
        if v.y_range:
            args.append(f"y_range={tuple(v.y_range)}")
        if v.x_label != "x":
            args.append(f"x_label={_lit(v.x_label)}")
        if v.y_label != "y":
            args.append(f"y_label={_lit(v.y_label)}")
        for key in ("tangent_at", "secant", "area"):
            val = getattr(v, key)
            if val is not None:
                args.append(f"{key}={tuple(val) if isinstance(val, tuple) else val}")
        if v.dots:
            args.append(f"dots={v.dots}")
        args.append(f"size={_size(area)}")
        steps = [_place(var, f"function_plot({', '.join(args)})", area),
                 f"self.play(Create({var}.frame), run_time=1.2)",
                 f"self.play(Create({var}.curves), FadeIn({var}.labels), run_time=1.5)"]
        if v.tangent_at is not None or v.secant or v.area or v.dots:
            steps.append(f"self.play(FadeIn({var}.extras))")
        return steps
    if isinstance(v, NumberLineVisual):
        marks = [(m.at, m.label) for m in v.marks]
        args = [f"x_range={tuple(v.range)}", f"step={v.step}"]
        if marks:
            args.append(f"marks={marks!r}")
        if v.interval:
            args.append(f"interval={tuple(v.interval)}")
        args.append(f"width={_size(area)[0]}")
        steps = [_place(var, f"number_line({', '.join(args)})", area),
                 f"self.play(Create({var}.line), FadeIn({var}.numbers))"]
        if marks or v.interval:
            steps.append(f"self.play(FadeIn({var}.marks))")
        return steps
    if isinstance(v, ShapeVisual):
        items = [s.model_dump(mode="json", exclude_defaults=True) | {"shape": s.shape} for s in v.shapes]
        return [_place(var, f"shape_figure({items!r})", area), f"self.play(Create({var}), run_time=1.5)"]
    if isinstance(v, VectorVisual):
        vecs = [(tuple(x.start), tuple(x.to), x.label, x.color) for x in v.vectors]
        args = [repr(vecs)]
        if not v.plane:
            args.append("plane=False")
        if v.sum:
            args.append("show_sum=True")
        args.append(f"size={_size(area)}")
        return [_place(var, f"vector_diagram({', '.join(args)})", area),
                f"self.play(Create({var}.plane), run_time=1.0)",
                f"self.play(Create({var}.arrows), FadeIn({var}.labels), run_time=1.5)"]
    if isinstance(v, MatrixVisual):
        label = f", label={_lit(v.label)}" if v.label else ""
        return [_place(var, f"matrix({v.rows!r}{label})", area), f"self.play(Write({var}))"]
    if isinstance(v, TableVisual):
        hdr = "" if v.header else ", header=False"
        return [_place(var, f"table({v.rows!r}{hdr})", area), f"self.play(FadeIn({var}))"]
    if isinstance(v, ImageVisual):
        cap = f", caption={_lit(v.caption)}" if v.caption else ""
        return [_place(var, f"image({_lit(v.path)}{cap})", area), f"self.play(FadeIn({var}))"]
    if isinstance(v, CodeVisual):
        hl = f", highlight_lines={v.highlight_lines}" if v.highlight_lines else ""
        return [_place(var, f"code_listing({_lit(v.code)}, language={_lit(v.language)}{hl})", area),
                f"self.play(FadeIn({var}))"]
    if isinstance(v, TextVisual):
        return [_place(var, f"text_block({_lit(v.text)}, width={_size(area)[0]})", area),
                f"self.play(FadeIn({var}, shift=UP * 0.2))"]
    raise TypeError(f"no compiler rule for visual kind {v.kind!r}")


def _action(v, names: dict[str, str]) -> list[str]:
    target = names[v.target]
    if isinstance(v, TransformVisual):
        return [f"{target} = self.transform_to({target}, equation({_lit(v.to)}))"]
    assert isinstance(v, HighlightVisual)
    part = f", part={_lit(v.part)}" if v.part else ""
    return [f'self.highlight({target}, style="{v.style}"{part})']
