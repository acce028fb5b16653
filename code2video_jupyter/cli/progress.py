"""CLI progress: a rich live view per stage and per section, fed by the run's events."""

from __future__ import annotations

import functools
import time

from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..events import (
    ModelCall,
    Repair,
    RunStarted,
    StageFinished,
    StageStarted,
    UserEdit,
    Warning,  # noqa: A004 - the event's name in the protocol
)


class CliProgress:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=24),
            TextColumn("{task.completed:.0f}/{task.total:.0f}"), TimeElapsedColumn(),
            console=console, transient=False,
        )
        self.task = None
        self.t0 = time.monotonic()
        self.calls, self.tokens, self.cost = 0, 0, 0.0
        self.rendered: set[int] = set()
        self.finished: set[int] = set()

    @property
    def agents(self) -> bool:
        return self.calls > 0

    def __enter__(self) -> CliProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)
        if self.calls:
            self.console.print(f"model calls: {self.calls}, tokens: {self.tokens:,}, "
                               f"cost: ${self.cost:.4f} (details in calls.jsonl)")

    @functools.singledispatchmethod
    def __call__(self, e: BaseModel) -> None:
        """An event this view does not show (dispatched on the event's class, as the panel's
        reducer is)."""

    @__call__.register
    def _(self, e: RunStarted) -> None:
        self.progress.console.print(f"[bold]run[/] {e.folder}  ({len(e.sections)} sections)")
        self.task = self.progress.add_task("rendering sections", total=len(e.sections))

    @__call__.register
    def _(self, e: UserEdit) -> None:
        self.progress.console.print(f"[cyan]your edit of {e.artifact} is kept[/] (revision {e.revision})")

    @__call__.register
    def _(self, e: StageStarted) -> None:
        if e.stage == "code" and self.agents:
            self.progress.console.print(f"  section {e.section:>2}: writing the scene…")
        elif e.stage == "render":
            self.progress.console.print(f"  section {e.section:>2}: rendering…")

    @__call__.register
    def _(self, e: ModelCall) -> None:
        self.calls += 1
        self.tokens += e.prompt_tokens + e.completion_tokens
        self.cost += e.cost or 0.0
        if e.outcome != "ok":
            self.progress.console.print(
                f"  [yellow]{e.role} call ({e.stage}) {e.outcome.replace('_', ' ')}[/]")

    @__call__.register
    def _(self, e: Repair) -> None:
        self.progress.console.print(f"  section {e.section:>2}: [cyan]{e.detail}[/]", highlight=False)

    @__call__.register
    def _(self, e: Warning) -> None:
        self.progress.console.print(f"[yellow]warning:[/] {e.message}")

    @__call__.register
    def _(self, e: StageFinished) -> None:
        out = self.progress.console
        if e.stage in ("outline", "storyboard"):
            out.print(f"{e.stage}: {e.status} {e.detail}".rstrip())
        elif e.stage == "render":
            self._render_finished(e)
        elif e.stage == "narration" and e.status != "failed":
            out.print(f"narration: {e.detail} ({e.elapsed:.1f} s)")
        elif e.stage == "critic" and e.status == "done":
            out.print(f"  section {e.section:>2}: critic: {e.detail}", highlight=False)
        elif e.stage == "assemble":
            out.print(f"assemble: {e.status} {e.detail}".rstrip())

    def _render_finished(self, e: StageFinished) -> None:
        if e.status == "cached" and e.section in self.rendered:
            return  # rendered by the Coder a moment ago, while checking its code
        style = {"done": "green", "cached": "dim", "failed": "red", "cancelled": "yellow"}[e.status]
        label = {"cached": "unchanged, not rendered"}.get(e.status, e.status)
        extra = f" in {e.elapsed:.1f} s" if e.status == "done" else ""
        self.progress.console.print(f"  section {e.section:>2}: [{style}]{label}[/]{extra}"
                                    + (f" — {e.detail}" if e.status == "failed" else ""))
        if e.status in ("done", "failed"):
            self.rendered.add(e.section)
        self.finished.add(e.section)
        if self.task is not None:
            self.progress.update(self.task, completed=len(self.finished))
