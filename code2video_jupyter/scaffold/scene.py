"""LectureScene: the base scene every section's code imports.

Title on top, lecture lines on the left (the current one highlighted), a canvas on the right
with the 6x6 anchor grid. ``with self.line(k):`` is the lecture-line block that every stage
shares; the scene records each block (times and the mobjects placed in it) in timeline.json.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from manim import (
    BOLD,
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Circumscribe,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    MathTex,
    Mobject,
    ReplacementTransform,
    Scene,
    ShowPassingFlash,
    SingleStringMathTex,
    Text,
    TransformMatchingTex,
    Underline,
    VGroup,
)

from .. import layout_grid as grid
from ..store import atomic
from ..store.layout import TIMELINE_ENV
from ..theme import DEFAULT as DEFAULT_THEME
from ..theme import Theme
from ..thresholds import LINE_FONT_SIZE, MIN_FONT_SIZE, TITLE_FONT_SIZE
from . import theme as _theme
from .inks import InkSampler
from .text import reading_seconds, wrapped_text

DURATIONS_ENV = "C2V_LINE_DURATIONS"
TIMELINE_VERSION = 1


class LectureScene(Scene):
    """Subclass it, set ``title`` and ``lines``, and write ``construct`` with ``self.line(k)``."""

    title: str = ""
    lines: list[str] = []
    # Seconds each line's block must last at least (from narration); None: reading time.
    line_durations: list[float] | None = None
    line_gap: float = 0.28
    # Called as each block ends, with the scene and the block (the sandbox's preview mode
    # saves the frame then); None in every other render.
    on_block_end: Callable[[LectureScene, dict[str, Any]], None] | None = None
    # The render's theme (colours, fonts): read its colours as self.theme.highlight, .accent,
    # .palette[i], .muted, .text. Set per scene from scaffold.theme when the scene is made.
    theme: Theme = DEFAULT_THEME

    # --- set-up -----------------------------------------------------------------------------
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Before the camera exists: it takes its background from manim's config.
        self.theme = _theme.current()
        _theme.apply(self.theme)
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        self._blocks: list[dict[str, Any]] = []
        self._current: dict[str, Any] | None = None
        self._unplaced_block_placements: list[dict[str, Any]] = []
        self._warnings: list[str] = []
        self._scene_file = sys.modules[type(self).__module__].__dict__.get("__file__")
        if self.line_durations is None and os.environ.get(DURATIONS_ENV):
            self.line_durations = json.loads(Path(os.environ[DURATIONS_ENV]).read_text())
        self.title_mob = self._make_title()
        self.line_mobs = self._make_lines()
        self.add(self.title_mob, self.line_mobs)
        # The probe (a dry run) also measures what colour each text has on what it is drawn on.
        from manim import config

        self._inks = InkSampler(self, chrome=(self.title_mob, self.line_mobs)) if config.dry_run else None

    def _make_title(self) -> VGroup:
        t = Text(self.title or " ", font_size=TITLE_FONT_SIZE, weight=BOLD)
        if t.width > grid.TITLE.width:
            t = wrapped_text(self.title, grid.TITLE.width, TITLE_FONT_SIZE, grid.TITLE.height, weight=BOLD)
        if t.height > grid.TITLE.height:
            t.scale_to_fit_height(grid.TITLE.height)
        t.move_to([0, (grid.TITLE.top + grid.TITLE.bottom) / 2 + 0.05, 0])
        rule = Line([grid.TITLE.left, grid.TITLE.bottom, 0], [grid.TITLE.right, grid.TITLE.bottom, 0],
                    stroke_width=2, color=self.theme.rule)
        return VGroup(t, rule)

    def _make_lines(self) -> VGroup:
        panel = grid.LINES_PANEL
        mobs = VGroup(*[
            wrapped_text(text, panel.width, LINE_FONT_SIZE, color=self.theme.dim) for text in self.lines
        ])
        if len(mobs):
            mobs.arrange(DOWN, aligned_edge=LEFT, buff=self.line_gap)
            mobs.move_to([panel.left, panel.top, 0], aligned_edge=UL)
        return mobs

    # --- the lecture-line block --------------------------------------------------------------
    @contextmanager
    def line(self, k: int) -> Iterator[None]:
        """Highlight line k while the block runs; record the block; hold it for its duration."""
        if not 0 <= k < len(self.lines):
            raise IndexError(f"self.line({k}): this scene has lines 0..{len(self.lines) - 1}")
        self._activate(k)
        start = self.renderer.time
        block: dict[str, Any] = {"index": k, "text": self.lines[k], "start": start, "placements": []}
        self._current = block
        yield
        wanted = self._min_duration(k)
        elapsed = self.renderer.time - start
        if elapsed < wanted - 1e-6:
            self.wait(wanted - elapsed)
        block["end"] = self.renderer.time
        self._blocks.append(block)
        self._current = None
        if self.on_block_end is not None:  # the sandbox's preview saves the frame here
            self.on_block_end(self, block)

    def _min_duration(self, k: int) -> float:
        if self.line_durations is not None and k < len(self.line_durations):
            return float(self.line_durations[k])
        return reading_seconds(self.lines[k])

    def _activate(self, k: int) -> None:
        t = self.theme
        for i, mob in enumerate(self.line_mobs):
            mob.set_color(t.muted if i < k else t.highlight if i == k else t.dim)
        # Scroll the panel so the current line is inside it; lines above the panel are hidden.
        panel = grid.LINES_PANEL
        cur = self.line_mobs[k]
        if cur.get_bottom()[1] < panel.bottom:
            self.line_mobs.shift(UP * (panel.bottom - cur.get_bottom()[1]))
        if cur.get_top()[1] > panel.top:
            self.line_mobs.shift(DOWN * (cur.get_top()[1] - panel.top))
        for mob in self.line_mobs:
            inside = mob.get_top()[1] <= panel.top + 1e-6 and mob.get_bottom()[1] >= panel.bottom - 1e-6
            mob.set_opacity(1.0 if inside else 0.0)

    # --- placement on the anchor grid ---------------------------------------------------------
    def place_at(self, mobject: Mobject, cell: str) -> Mobject:
        """Centre a mobject on an anchor cell (A1..F6); it keeps its size."""
        rect = grid.cell_rect(cell)
        mobject.move_to([*rect.center, 0])
        self._record(mobject, cell.upper())
        return mobject

    def place_in(self, mobject: Mobject, first: str, last: str | None = None, pad: float = 0.12) -> Mobject:
        """Fit a mobject into the area between two cells ("A1", "C3" or "A1:C3"): scaled down
        to fit, never up, and centred."""
        if last is None and (":" in first or "-" in first):
            rect = grid.placement_rect(first)
            name = first.upper().replace("-", ":")
        else:
            rect = grid.area_rect(first, last)
            name = f"{first}:{last}".upper() if last else first.upper()
        w, h = max(rect.width - 2 * pad, 0.1), max(rect.height - 2 * pad, 0.1)
        if mobject.width > w or mobject.height > h:
            mobject.scale(min(w / max(mobject.width, 1e-9), h / max(mobject.height, 1e-9)))
        mobject.move_to([*rect.center, 0])
        self._record(mobject, name)
        return mobject

    def _record(self, mobject: Mobject, where: str) -> None:
        caller = sys._getframe(2)
        line = caller.f_lineno if caller.f_code.co_filename == self._scene_file else None
        entry = {
            "where": where,
            "kind": type(mobject).__name__,
            "bbox": _bbox(mobject),
            "source_line": line,
            "time": self.renderer.time,
            "min_font_size": _min_font_size(mobject),
        }
        if entry["min_font_size"] is not None and entry["min_font_size"] < MIN_FONT_SIZE - 0.5:
            self._warnings.append(
                f"line {line}: text placed in {where} is at font size {entry['min_font_size']:.0f}, "
                f"below the readable {MIN_FONT_SIZE}"
            )
        (self._current["placements"] if self._current else self._unplaced_block_placements).append(entry)

    # --- actions on earlier visuals ------------------------------------------------------------
    def highlight(self, target: Mobject, style: str = "box", part: str | None = None,
                  run_time: float = 1.5) -> None:
        """Draw attention to a mobject (or, in an equation, to one LaTeX piece of it).

        Marks are transient (drawn, then faded), so nothing is left behind to clean up."""
        if part is not None and isinstance(target, MathTex):
            piece = target.get_part_by_tex(part)
            target = piece if piece is not None else target
        mark = self.theme.highlight
        if style == "indicate":
            self.play(Indicate(target, color=mark), run_time=run_time)
        elif style == "color":
            self.play(target.animate.set_color(mark), run_time=run_time)
        elif style == "underline":
            self.play(ShowPassingFlash(Underline(target, color=mark, buff=0.1, stroke_width=6),
                                       time_width=0.8), run_time=run_time)
        else:
            self.play(Circumscribe(target, color=mark, buff=0.12), run_time=run_time)

    def transform_to(self, old: Mobject, new: Mobject, run_time: float = 1.5) -> Mobject:
        """Turn one equation into another in the same place; returns the new one."""
        new.move_to(old)
        if new.width > old.width * 1.6 and old.width > 0:
            new.scale_to_fit_width(old.width * 1.6)
        if isinstance(old, MathTex) and isinstance(new, MathTex):
            self.play(TransformMatchingTex(old, new), run_time=run_time)
        else:
            self.play(ReplacementTransform(old, new), run_time=run_time)
        return new

    def clear_canvas(self, *mobjects: Mobject, run_time: float = 0.5) -> None:
        """Fade out canvas content that a new visual replaces."""
        present = [m for m in mobjects if m is not None]
        if present:
            self.play(*[FadeOut(m) for m in present], run_time=run_time)

    def fade_in(self, mobject: Mobject, run_time: float = 1.0) -> None:
        self.play(FadeIn(mobject), run_time=run_time)

    def play(self, *args: Any, **kwargs: Any) -> None:
        super().play(*args, **kwargs)  # wait() comes through here too
        if self._inks is not None:
            self._inks.sample()

    # --- the timeline ------------------------------------------------------------------------
    def timeline(self) -> dict[str, Any]:
        from manim import config

        return {
            "version": TIMELINE_VERSION,
            "scene": type(self).__name__,
            "title": self.title,
            "lines": list(self.lines),
            "fps": config.frame_rate,
            "pixel_width": config.pixel_width,
            "pixel_height": config.pixel_height,
            "duration": self.renderer.time,
            "blocks": sorted(self._blocks, key=lambda b: b["start"]),
            "unblocked_placements": self._unplaced_block_placements,
            "warnings": self._warnings + _theme.warnings(),
            "theme": {"name": self.theme.name, "fingerprint": self.theme.fingerprint()},
            **({"inks": self._inks.records()} if self._inks is not None else {}),
        }

    def tear_down(self) -> None:
        path = os.environ.get(TIMELINE_ENV)
        if path:
            atomic.write_text(path, json.dumps(self.timeline(), indent=1))


def _bbox(m: Mobject) -> list[float]:
    lo, hi = m.get_corner(DOWN + LEFT), m.get_corner(UP + RIGHT)
    return [round(float(lo[0]), 4), round(float(lo[1]), 4), round(float(hi[0]), 4), round(float(hi[1]), 4)]



def _min_font_size(m: Mobject) -> float | None:
    """Smallest effective font size of any text or math in m, after all scaling."""
    sizes = []
    for s in m.get_family():
        if isinstance(s, Text | SingleStringMathTex):
            sizes.append(s.font_size)
        elif getattr(s, "c2v_reference", None) and s.width > 0:
            size, width = s.c2v_reference  # set by the figure builders on table cells and code
            sizes.append(size * s.width / width)
    return min(sizes) if sizes else None


__all__ = ["LectureScene"]
