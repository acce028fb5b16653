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

    def __enter__(self) -> CliProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)

    def __call__(self, e: BaseModel) -> None:
        p, kind = self.progress, getattr(e, "type", "")
        if kind == "run_started":
            p.console.print(f"[bold]run[/] {e.folder}  ({len(e.sections)} sections)")
            self.task = p.add_task("rendering sections", total=len(e.sections))
        elif kind == "user_edit":
            p.console.print(f"[cyan]your edit of {e.artifact} is kept[/] (revision {e.revision})")
        elif kind == "stage_finished" and e.stage == "storyboard":
            p.console.print(f"storyboard: {e.status} {e.detail}".rstrip())
        elif kind == "stage_started" and e.stage == "render":
            p.console.print(f"  section {e.section:>2}: rendering…")
        elif kind == "stage_finished" and e.stage == "render":
            style = {"done": "green", "cached": "dim", "failed": "red", "cancelled": "yellow"}[e.status]
            label = {"cached": "unchanged, not rendered"}.get(e.status, e.status)
            extra = f" in {e.elapsed:.1f} s" if e.status == "done" else ""
            p.console.print(f"  section {e.section:>2}: [{style}]{label}[/]{extra}"
                            + (f" — {e.detail}" if e.status == "failed" else ""))
            if self.task is not None:
                p.advance(self.task)
        elif kind == "stage_finished" and e.stage == "assemble":
            p.console.print(f"assemble: {e.status} {e.detail}".rstrip())
        elif kind == "warning":
            p.console.print(f"[yellow]warning:[/] {e.message}")
