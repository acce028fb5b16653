"""What the parent asks of a sandboxed render, and what it gets back (JSON across the boundary)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..quality import Quality


class Limits(BaseModel):
    """Resource limits of one sandboxed process (see `code2video doctor` for what is enforced)."""

    wall_seconds: float = Field(default=300.0, gt=0, description="Killed after this long.")
    cpu_seconds: int = Field(default=600, gt=0)
    # A -ql render of a busy scene peaks at about 1.3 GB of address space (measured with
    # manim 0.22: VmPeak of the render child); the rest is headroom for -qh and big LaTeX.
    memory_mb: int = Field(default=4096, gt=256)
    file_size_mb: int = Field(default=2048, gt=0)
    max_processes: int = Field(default=256, gt=8, description="Tasks, threads included.")


class RenderRequest(BaseModel):
    scene_file: str
    class_name: str | None = None
    quality: Quality = "l"
    line_durations: list[float] | None = None
    tex_cache: str | None = Field(default=None, description="Read-only seed of compiled LaTeX.")
    dry_run: bool = Field(default=False, description="Run construct() without writing video.")
    check: bool = Field(default=False, description="The repair loop's cheapest run: construct() "
                        "to its end with every animation skipped to its last state and no frame "
                        "drawn, to reach the next error fast. Implies dry_run.")
    assets_dir: str | None = Field(default=None, description="Linked as ./assets for the scene.")
    probe: bool = Field(default=False, description="Layout probe: skip frames, write snapshots.json "
                        "(the mobjects after every play/wait; see sandbox.snapshot). Implies dry_run.")


class FrameRef(BaseModel):
    file: str
    line: int
    function: str


class RenderError(BaseModel):
    type: str
    message: str
    traceback: str
    frames: list[FrameRef] = Field(default_factory=list, description="Innermost last.")
    scene_line: int | None = Field(default=None, description="Innermost line in the scene file.")
    plays: int | None = Field(default=None, description="play/wait calls made before the error.")


class RenderResult(BaseModel):
    ok: bool
    video: str | None = None
    timeline: str | None = None
    duration: float | None = None
    error: RenderError | None = None
    killed: Literal["timeout", "cancelled", "memory", "cpu", "signal"] | None = None
    exit_code: int | None = None
    elapsed: float = 0.0
    log: str | None = None

    def summary(self) -> str:
        if self.ok:
            return f"rendered {self.duration:.1f} s of video"
        if self.killed == "timeout":
            return "killed: the render ran past its time limit"
        if self.killed == "cancelled":
            return "stopped"
        if self.killed in ("memory", "cpu"):
            return f"killed: the render exceeded its {self.killed} limit"
        if self.error:
            where = f" (scene line {self.error.scene_line})" if self.error.scene_line else ""
            return f"{self.error.type}{where}: {self.error.message}"
        return f"the render process exited with code {self.exit_code}"
