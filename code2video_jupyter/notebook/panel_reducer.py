"""The panel's reducer: what each event of a run means for the panel, dispatched on the event's
class (never on a string). It updates ``Progress`` (what the events have said so far) and
returns the effects the panel applies to its widgets, so it runs and is tested without them."""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass, field

from ..critic.findings import Finding as LayoutFinding
from ..events import (
    AnyEvent,
    Done,
    Failed,
    Finding,
    RunStarted,
    SectionPreview,
    Stage,
    StageFinished,
    StageStarted,
    UserEdit,
    Warning,
)

STAGES: tuple[str, ...] = typing.get_args(Stage)  # every stage the pipeline reports


@dataclass
class Progress:
    """What the events of the current run have said so far."""

    stages: dict[str, str] = field(default_factory=lambda: dict.fromkeys(STAGES, "pending"))
    code: set[int] = field(default_factory=set)  # sections whose code is ready
    rendered: set[int] = field(default_factory=set)  # sections rendered (or failed)
    failed: set[int] = field(default_factory=set)
    findings: dict[int, list[tuple[int, LayoutFinding]]] = field(default_factory=dict)

    def start(self) -> None:
        self.code, self.rendered, self.failed, self.findings = set(), set(), set(), {}


# --- effects: what the panel does with its widgets ------------------------------------------------
@dataclass(frozen=True)
class Refresh:
    """Re-read the whole run folder."""


@dataclass(frozen=True)
class ShowSections:
    sections: tuple[int, ...]


@dataclass(frozen=True)
class SectionChanged:
    """Re-read one section (its code, render, findings) from the run folder."""

    section: int


@dataclass(frozen=True)
class SectionRendering:
    section: int


@dataclass(frozen=True)
class ShowPreview:
    """A section's preview frames (one per lecture line), shown until its video comes."""

    section: int
    images: tuple[str, ...]


@dataclass(frozen=True)
class ShowFindings:
    """The findings the critic's probe reported for a section during this run."""

    section: int


@dataclass(frozen=True)
class Log:
    text: str


@dataclass(frozen=True)
class Say:
    text: str  # plain text (the panel escapes it)
    level: str = "info"


Effect = (Refresh | ShowSections | SectionChanged | SectionRendering | ShowPreview | ShowFindings
          | Log | Say)


@functools.singledispatch
def reduce(event: AnyEvent, progress: Progress) -> list[Effect]:
    """The effects of ``event``; events the panel does not show (model calls, repairs: the
    costs line and the section rows read those from the run folder) have none."""
    return []


@reduce.register
def _run_started(event: RunStarted, progress: Progress) -> list[Effect]:
    progress.start()
    return [ShowSections(tuple(event.sections)), Refresh()]


@reduce.register
def _stage_started(event: StageStarted, progress: Progress) -> list[Effect]:
    if event.section is None:
        progress.stages[event.stage] = "running"
        return []
    if event.stage == "render":
        progress.stages["render"] = "running"
        return [SectionRendering(event.section)]
    return []


@reduce.register
def _section_preview(event: SectionPreview, progress: Progress) -> list[Effect]:
    return [ShowPreview(event.section, tuple(event.images))]


@reduce.register
def _stage_finished(event: StageFinished, progress: Progress) -> list[Effect]:
    if event.section is None:
        progress.stages[event.stage] = event.status
        return []
    if event.stage == "code" and event.status != "cancelled":
        progress.code.add(event.section)
    if event.stage == "render" and event.status != "cancelled":
        progress.rendered.add(event.section)
        if event.status == "failed":
            progress.failed.add(event.section)
    return [SectionChanged(event.section)]


@reduce.register
def _finding(event: Finding, progress: Progress) -> list[Effect]:
    progress.findings.setdefault(event.section, []).append((event.round, event.finding))
    return [ShowFindings(event.section)]


@reduce.register
def _warning(event: Warning, progress: Progress) -> list[Effect]:
    return [Log(f"warning: {event.message}"), Say(event.message, "warn")]


@reduce.register
def _user_edit(event: UserEdit, progress: Progress) -> list[Effect]:
    return [Log(f"your edit of {event.artifact} is kept (revision {event.revision})")]


@reduce.register
def _done(event: Done, progress: Progress) -> list[Effect]:
    return [Refresh()]


@reduce.register
def _failed(event: Failed, progress: Progress) -> list[Effect]:
    return [Log(f"run ended: {event.error}")]
