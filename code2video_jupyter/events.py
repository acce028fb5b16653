"""Typed events of a run. The CLI's progress, the notebook panel and the batch runner listen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from .critic.findings import Finding as LayoutFinding

Stage = Literal["outline", "storyboard", "code", "narration", "render", "critic", "assemble"]


class _Event(BaseModel):
    run: str = ""


class RunStarted(_Event):
    type: Literal["run_started"] = "run_started"
    folder: str
    sections: list[int]


class StageStarted(_Event):
    type: Literal["stage_started"] = "stage_started"
    stage: Stage
    section: int | None = None


class StageFinished(_Event):
    type: Literal["stage_finished"] = "stage_finished"
    stage: Stage
    section: int | None = None
    status: Literal["done", "cached", "failed", "cancelled", "kept"]
    detail: str = ""
    elapsed: float = 0.0


class SectionRendered(_Event):
    type: Literal["section_rendered"] = "section_rendered"
    section: int
    video: str
    duration: float
    cached: bool


class SectionPreview(_Event):
    """A section's look before its video: the frame at the end of each lecture-line block,
    from a run with animations skipped (the sandbox's preview mode). Only when asked for
    (RunOptions.preview: the notebook's Re-render); the video follows as SectionRendered."""

    type: Literal["section_preview"] = "section_preview"
    section: int
    images: list[str] = Field(description="PNG files, one per block, in block order.")


class ModelCall(_Event):
    """One call to a model (or an answer from the reply cache)."""

    type: Literal["model_call"] = "model_call"
    role: str
    stage: str
    section: int | None = None
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None
    latency: float = 0.0
    cache_hit: bool = False
    outcome: str = "ok"


class Repair(_Event):
    """A step of the Coder's repair of one section (a static or runtime fix, a model fix, a
    fallback), with the revision it made."""

    type: Literal["repair"] = "repair"
    section: int
    kind: Literal["static", "runtime", "model", "fallback"]
    scope: str | None = None
    detail: str = ""
    revision: int | None = None


class UserEdit(_Event):
    type: Literal["user_edit"] = "user_edit"
    artifact: str
    revision: int


class Warning(_Event):  # noqa: A001 - the event's name in the protocol
    type: Literal["warning"] = "warning"
    message: str
    section: int | None = None


class Finding(_Event):
    """A layout problem the critic's probe found in a section (before its fixes), typed as the
    probe reports it: the views show them as they come, not only from the run folder."""

    type: Literal["finding"] = "finding"
    section: int
    round: int = Field(description="The critic round (1-based) whose probe found it.")
    finding: LayoutFinding


class Done(_Event):
    type: Literal["done"] = "done"
    video: str
    duration: float
    rendered: list[int]
    cached: list[int]
    failed: list[int]


class Failed(_Event):
    type: Literal["failed"] = "failed"
    error: str
    stage: Stage | None = None


AnyEvent = (RunStarted | StageStarted | StageFinished | SectionRendered | SectionPreview
            | ModelCall | Repair | UserEdit | Warning | Finding | Done | Failed)
Event = Annotated[AnyEvent, Field(discriminator="type")]  # for parsing events.jsonl back
Listener = Callable[[AnyEvent], None]
