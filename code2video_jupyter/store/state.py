"""run.json: the options, versions and the state of every stage of one run."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Status = Literal["pending", "running", "done", "failed", "cancelled", "upstream-changed"]


class ArtifactState(BaseModel):
    status: Status = "pending"
    revision: int | None = None
    source: str | None = None
    input_hash: str | None = None
    message: str | None = None


class RenderState(BaseModel):
    status: Status = "pending"
    input_hash: str | None = None
    video: str | None = Field(default=None, description="Relative to the run folder.")
    timeline: str | None = None
    log: str | None = None
    duration: float | None = None
    elapsed: float | None = None
    error: str | None = None
    scene_line: int | None = None
    placeholder: str | None = Field(default=None, description="Card shown instead, if failed.")
    # Narration (pipeline/narration_stage.py): `video` is then the render with its voice-over,
    # `silent` the render as manim wrote it, `subtitles` the section's WebVTT captions.
    silent: str | None = Field(default=None, description="The render without narration, if narrated.")
    subtitles: str | None = Field(default=None, description="WebVTT captions of the narration.")


class SectionState(BaseModel):
    id: int
    title: str
    code: ArtifactState = Field(default_factory=ArtifactState)
    renders: dict[str, RenderState] = Field(default_factory=dict, description="Keyed by quality.")


class FinalState(BaseModel):
    status: Status = "pending"
    input_hash: str | None = None
    video: str | None = None
    quality: str | None = None
    duration: float | None = None
    mode: str | None = None
    failed_sections: list[int] = Field(default_factory=list)
    subtitles: str | None = Field(default=None, description="WebVTT captions, if narrated.")
    voice: str | None = Field(default=None, description="The voice of the narration, if any.")


class RunState(BaseModel):
    name: str
    created: str
    updated: str
    versions: dict[str, str] = Field(default_factory=dict)
    options: dict[str, Any] = Field(default_factory=dict)
    source: dict[str, Any] = Field(default_factory=dict)
    isolation: dict[str, str] = Field(default_factory=dict)
    storyboard: ArtifactState = Field(default_factory=ArtifactState)
    sections: dict[str, SectionState] = Field(default_factory=dict)
    final: FinalState = Field(default_factory=FinalState)
