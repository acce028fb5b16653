"""Measures that need no model and work on any run folder (a lesson outline's or a topic's):

- **render success**: share of the storyboard's sections whose render at the run's quality
  succeeded with their own code (a placeholder card or a missing render is a failure);
- **duration** of the final video, seconds;
- **layout findings per minute**: the deterministic layout probe (``critic.probe_scene``) run
  on each section's current scene, findings per minute of video (lower is better);
- **lines shown**: share of the storyboard's lecture lines that appear on screen, i.e. have a
  block of their own, longer than zero, in their section's ``timeline.json`` (the scaffold
  records a block when the scene plays ``with self.line(k)``).
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import BaseModel, Field

from ..store import RunReader
from .frames import storyboard_lines


class SectionMeasures(BaseModel):
    section: int
    rendered: bool
    placeholder: bool = False
    duration: float = 0.0
    lines: int = 0
    lines_shown: int = 0
    findings: int | None = None
    finding_kinds: dict[str, int] = Field(default_factory=dict)
    probe_error: str | None = None


class OfflineMeasures(BaseModel):
    sections: int = 0
    rendered: int = 0
    render_success: float | None = None
    final_video: bool = False
    duration: float | None = Field(default=None, description="Final video, seconds.")
    lines: int = 0
    lines_shown: int = 0
    lines_shown_share: float | None = None
    findings: int | None = None
    findings_per_minute: float | None = None
    finding_kinds: dict[str, int] = Field(default_factory=dict)
    per_section: list[SectionMeasures] = Field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def offline_measures(run: Path, *, probe: bool = True, jobs: int = 2) -> OfflineMeasures:
    """The model-free measures of the run in ``run`` (``probe=False`` skips the layout probe,
    which runs each section's scene once more, in the sandbox, without drawing frames)."""
    run = Path(run)
    reader = RunReader.open(run)
    state = reader.state
    quality = reader.quality
    board = storyboard_lines(reader)
    ids = sorted(set(board) | set(reader.section_ids()))
    out = OfflineMeasures(sections=len(ids))
    for sid in ids:
        render = reader.render(sid)
        ok = render is not None and render.status == "done" and not render.placeholder and bool(render.video)
        m = SectionMeasures(section=sid, rendered=ok,
                            placeholder=bool(render is not None and render.placeholder),
                            duration=float(render.duration or 0.0) if render is not None else 0.0)
        wanted = [_norm(x.get("text", "")) for x in board.get(sid, [])]
        m.lines = len(wanted)
        timeline = reader.timeline(sid) if ok else None
        if timeline is not None:
            blocks = timeline.get("blocks", [])
            shown = {_norm(b.get("text", "")) for b in blocks
                     if float(b.get("end", 0)) - float(b.get("start", 0)) > 0}
            m.lines_shown = sum(1 for w in wanted if w in shown)
        out.per_section.append(m)
    out.rendered = sum(m.rendered for m in out.per_section)
    out.render_success = out.rendered / out.sections if out.sections else None
    out.lines = sum(m.lines for m in out.per_section)
    out.lines_shown = sum(m.lines_shown for m in out.per_section)
    out.lines_shown_share = out.lines_shown / out.lines if out.lines else None
    final = state.final  # type: ignore[union-attr]
    out.final_video = bool(final.video) and (run / final.video).exists()
    out.duration = float(final.duration) if out.final_video and final.duration else None

    if probe:
        _probe_sections(reader, quality, out.per_section, jobs)
        probed = [m for m in out.per_section if m.findings is not None]
        if probed and out.duration:
            out.findings = sum(m.findings or 0 for m in probed)
            kinds: dict[str, int] = {}
            for m in probed:
                for k, n in m.finding_kinds.items():
                    kinds[k] = kinds.get(k, 0) + n
            out.finding_kinds = {k: n for k, n in kinds.items() if n}
            minutes = sum(m.duration for m in probed) / 60 or out.duration / 60
            out.findings_per_minute = round(out.findings / minutes, 3) if minutes else None
    return out


def _probe_sections(run: RunReader, quality: str, measures: list[SectionMeasures], jobs: int) -> None:
    from ..compiler import class_name
    from ..critic import probe_scene

    def one(m: SectionMeasures) -> None:
        scene = run.scene_path(m.section)
        if not m.rendered or not scene.exists():
            return
        assets = run.assets_dir
        try:
            report = probe_scene(scene, class_name(m.section), quality,
                                 assets_dir=str(assets) if assets.exists() else None,
                                 theme=run.theme())
        except Exception as e:  # a probe that cannot run is reported, not counted as clean
            m.probe_error = f"{type(e).__name__}: {e}"[:300]
            return
        if not report.ok:
            m.probe_error = report.summary()[:300]
            return
        m.findings = len(report.findings)
        m.finding_kinds = {k: n for k, n in report.counts().items() if n}

    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="c2v-probe") as pool:
        list(pool.map(one, measures))
