"""The steps of a presentation: one per lecture-line block, read from a run folder.

A section's ``timeline.json`` (written by its render) holds its blocks' start and end times, so
a step is the stretch of the section video from its block's start to the next block's start:
the first step also shows what comes before the first block (the title appearing), the last
one what comes after the last block. A section with no timeline (a placeholder card, a render
from before timelines) is one step. Nothing here writes anything.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from ..store import RunReader


class Step(BaseModel):
    """One step: a stretch of one section video, and what the presenter sees beside it."""

    section: int
    line: int = Field(description="Index of the lecture line in its section (0-based).")
    lines: int = Field(description="Lecture lines in the section.")
    section_title: str
    text: str = Field(description="The lecture line.")
    narration: str | None = Field(default=None, description="What the narration says (or a presenter would).")
    notes: str | None = Field(default=None, description="The storyboard's notes for this line.")
    video: Path = Field(description="The section video the step is cut from.")
    video_version: str = Field(description="Changes whenever the section video can differ.")
    start: float
    end: float
    placeholder: bool = False

    @property
    def label(self) -> str:
        """A file-name-safe name that stays the same while the step does (section, line)."""
        return f"{self.section:02d}-{self.line + 1:02d}"


class Deck(BaseModel):
    """Everything a presentation shows, in order."""

    run: str
    title: str
    quality: str
    narrated: bool = Field(description="The section videos carry a voice-over.")
    steps: list[Step]


def read_deck(folder: Path, quality: str | None = None) -> Deck:
    """The steps of the run in ``folder`` (ValueError if it has nothing to present yet)."""
    run = RunReader.open(folder)
    q = quality or run.quality
    board = run.read_storyboard()
    steps: list[Step] = []
    narrated = False
    for section in board.sections:
        video = run.section_video(section.id, q)
        if video.path is None:
            raise ValueError(f"section {section.id} of {folder} has no video at quality {q} yet: "
                             f"render it first (code2video render {folder})")
        narrated |= bool(video.render is not None and video.render.silent)
        spans = [] if video.placeholder else _spans(run.timeline(section.id, q),
                                                     _duration(video.render))
        lines = section.lecture_lines
        if len(spans) != len(lines):  # no timeline, or one that no longer fits: one step
            spans = [(0.0, _duration(video.render))]
        for i, (start, end) in enumerate(spans):
            line = lines[i] if len(spans) == len(lines) else None
            steps.append(Step(
                section=section.id, line=i, lines=len(spans), section_title=section.title,
                text=line.text if line else section.title,
                narration=(line.narration or line.text) if line else None,
                notes=line.notes if line else _placeholder_note(video.render),
                video=video.path, video_version=video.version, start=start, end=end,
                placeholder=video.placeholder))
    return Deck(run=run.name, title=board.topic, quality=q, narrated=narrated, steps=steps)


def _duration(render) -> float:  # noqa: ANN001 - a store RenderState or None
    return float(render.duration) if render is not None and render.duration else 0.0


def _spans(timeline: dict | None, duration: float) -> list[tuple[float, float]]:
    """(start, end) of each block's step; the steps tile the whole video."""
    if not timeline or not isinstance(timeline.get("blocks"), list):
        return []
    starts = sorted(float(b["start"]) for b in timeline["blocks"]
                    if isinstance(b, dict) and isinstance(b.get("start"), int | float))
    if not starts:
        return []
    end = max(duration, float(timeline.get("duration") or 0.0), starts[-1])
    starts[0] = 0.0  # the section's opening (its title) belongs to its first line
    return list(zip(starts, [*starts[1:], end], strict=True))


def _placeholder_note(render) -> str | None:  # noqa: ANN001
    if render is not None and render.status == "failed":
        return f"This section did not render ({render.error or 'an error'}): a card stands in for it."
    return None
