"""CLI progress: a rich live view per stage and per section, fed by the run's events."""

from __future__ import annotations

import time

from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


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

    def __call__(self, e: BaseModel) -> None:
        p, kind = self.progress, getattr(e, "type", "")
        if kind == "run_started":
            p.console.print(f"[bold]run[/] {e.folder}  ({len(e.sections)} sections)")
            self.task = p.add_task("rendering sections", total=len(e.sections))
        elif kind == "user_edit":
            p.console.print(f"[cyan]your edit of {e.artifact} is kept[/] (revision {e.revision})")
        elif kind == "stage_finished" and e.stage in ("outline", "storyboard"):
            p.console.print(f"{e.stage}: {e.status} {e.detail}".rstrip())
        elif kind == "stage_started" and e.stage == "code" and self.agents:
            p.console.print(f"  section {e.section:>2}: writing the scene…")
        elif kind == "model_call":
            self.calls += 1
            self.tokens += e.prompt_tokens + e.completion_tokens
            self.cost += e.cost or 0.0
            if e.outcome != "ok":
                p.console.print(f"  [yellow]{e.role} call ({e.stage}) {e.outcome.replace('_', ' ')}[/]")
        elif kind == "repair":
            p.console.print(f"  section {e.section:>2}: [cyan]{e.detail}[/]", highlight=False)
        elif kind == "stage_started" and e.stage == "render":
            p.console.print(f"  section {e.section:>2}: rendering…")
        elif kind == "stage_finished" and e.stage == "render" and e.status == "cached" \
                and e.section in self.rendered:
            pass  # rendered by the Coder a moment ago, while checking its code
        elif kind == "stage_finished" and e.stage == "render":
            style = {"done": "green", "cached": "dim", "failed": "red", "cancelled": "yellow"}[e.status]
            label = {"cached": "unchanged, not rendered"}.get(e.status, e.status)
            extra = f" in {e.elapsed:.1f} s" if e.status == "done" else ""
            p.console.print(f"  section {e.section:>2}: [{style}]{label}[/]{extra}"
                            + (f" — {e.detail}" if e.status == "failed" else ""))
            if e.status in ("done", "failed"):
                self.rendered.add(e.section)
            self.finished.add(e.section)
            if self.task is not None:
                p.update(self.task, completed=len(self.finished))
        elif kind == "stage_finished" and e.stage == "narration" and e.status != "failed":
            p.console.print(f"narration: {e.detail} ({e.elapsed:.1f} s)")
        elif kind == "stage_finished" and e.stage == "critic" and e.status == "done":
            p.console.print(f"  section {e.section:>2}: critic: {e.detail}", highlight=False)
        elif kind == "stage_finished" and e.stage == "assemble":
            p.console.print(f"assemble: {e.status} {e.detail}".rstrip())
        elif kind == "warning":
            p.console.print(f"[yellow]warning:[/] {e.message}")
