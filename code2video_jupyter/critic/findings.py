"""What the layout probe reports: findings (one per problem, not one per snapshot) and the
report of one scene. Plain pydantic, so the CLI, the critic, the evaluation and the run folder
all read and write the same JSON."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..sandbox.request import RenderError

FindingKind = Literal[
    "out_of_frame", "overlap_text_text", "overlap_text_shape", "text_too_small", "crowding",
    "label_far",
    # a text's colour on what it is drawn on (critic.contrast; the theme's background)
    "low_contrast",
    # only while an animation runs (critic.motion)
    "motion_out_of_frame", "motion_overlap",
    # density as a viewer reads it (critic.density)
    "text_wall", "lines_cramped", "reading_too_fast",
]
Severity = Literal["high", "medium", "low"]
FINDING_KINDS: tuple[str, ...] = FindingKind.__args__  # type: ignore[attr-defined]
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

BBox = tuple[float, float, float, float]  # left, bottom, right, top in manim units


class MobjectRef(BaseModel):
    """One mobject a finding is about, as the scene built it."""

    cls: str = Field(description="Class name, e.g. Text, MathTex, Circle.")
    text: str | None = Field(default=None, description="The first characters, for text.")
    source_line: int | None = Field(default=None, description="Line in the scene file that created it.")
    bbox: BBox

    def label(self) -> str:
        what = f'{self.cls} "{self.text}"' if self.text else self.cls
        return f"{what} (line {self.source_line})" if self.source_line else what


class Finding(BaseModel):
    kind: FindingKind
    severity: Severity
    message: str
    mobjects: list[MobjectRef]
    source_line: int | None = Field(default=None, description="Where to fix it: the first mobject's line.")
    animation: int = Field(description="Index of the play/wait after which it was first seen (0-based).")
    time: float = Field(description="Scene time (s) at which it was first seen.")
    last_time: float = Field(description="Scene time (s) of the last snapshot still showing it.")
    snapshots: int = Field(default=1, description="How many snapshots showed it.")
    bboxes: list[BBox] = Field(default_factory=list, description="The mobjects' boxes, in order.")
    value: float | None = Field(default=None, description="The measure that crossed its threshold.")

    def key(self) -> tuple:
        """Identity of the problem for comparing reports (before/after a fix); crowding is one
        problem of a scene however its texts change."""
        if self.kind == "crowding":
            return (self.kind,)
        return (self.kind, self.source_line, tuple(sorted((m.cls, m.text or "") for m in self.mobjects)))


class LayoutReport(BaseModel):
    scene_file: str
    scene_class: str | None = None
    quality: str = "l"
    ok: bool = Field(description="The scene ran to the end in the sandbox.")
    error: RenderError | None = None
    findings: list[Finding] = Field(default_factory=list)
    animations: int = 0
    snapshots: int = 0
    duration: float = 0.0
    probe_seconds: float = Field(default=0.0, description="Wall time of the sandboxed run.")
    check_ms: float = Field(default=0.0, description="CPU time (ms) of the geometric checks alone.")
    midstates: int = Field(default=0, description="Mid-animation states measured (critic.motion).")
    motion_seconds: float = Field(default=0.0, description="Of the sandboxed run, the time spent "
                                  "evaluating and measuring mid-animation states.")
    motion_ms: float = Field(default=0.0, description="Of check_ms, the mid-animation checks.")
    warnings: list[str] = Field(default_factory=list, description="Snapshots the probe could not take.")

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(FINDING_KINDS, 0)
        for f in self.findings:
            out[f.kind] += 1
        return out

    def summary(self) -> str:
        if not self.ok:
            where = f" (scene line {self.error.scene_line})" if self.error and self.error.scene_line else ""
            what = f"{self.error.type}{where}: {self.error.message}" if self.error else "unknown error"
            return f"the scene failed to run: {what}"
        if not self.findings:
            return f"no layout findings ({self.animations} animations checked)"
        per = ", ".join(f"{n} {k}" for k, n in self.counts().items() if n)
        return f"{len(self.findings)} layout findings: {per}"
