"""What the parent asks of a sandboxed render, and what it gets back (JSON across the boundary)."""

from __future__ import annotations

import os
from typing import Literal

from pydantic import BaseModel, Field

from ..quality import Quality


def default_max_processes() -> int:
    """Tasks (threads included) a render may have at once. Measured (bench/bench_sandbox.py:
    pids.peak of each -ql render of the 16 sections of the example lessons, cold TeX cache, so
    latex and dvisvgm ran): 12 for every one on 2 cores; 3 of them are the sandbox's own
    (bwrap, its init, the shell), 2 Python's main and encoder threads, 7 libx264's thread pool,
    which grows with the cores (1 thread on one core). LaTeX runs one process at a time, between
    encodes. Hence a base of 32 (2.5x the rest) plus 4 per core: 40 on 2 cores."""
    return 32 + 4 * len(os.sched_getaffinity(0))


class Limits(BaseModel):
    """Resource limits of one render (see `code2video doctor` for what is enforced)."""

    wall_seconds: float = Field(default=300.0, gt=0, description="Killed after this long.")
    cpu_seconds: int = Field(default=600, gt=0)
    # A -ql render of a busy scene peaks at about 1.3 GB of address space (measured with
    # manim 0.22: VmPeak of the render child); the rest is headroom for -qh and big LaTeX.
    memory_mb: int = Field(default=4096, gt=256, description="Address space of each process, "
                           "and memory of the whole render (a memory cgroup: all its processes, "
                           "plus the tmpfs work folder, which lives in memory).")
    file_size_mb: int = Field(default=2048, gt=0)
    disk_mb: int = Field(default=1024, gt=0, description="Size of the render's work folder (a "
                         "tmpfs inside the sandbox): all it may write. A -ql section writes a "
                         "few MB; -qk partial movies can take hundreds.")
    max_processes: int = Field(default_factory=default_max_processes, gt=8,
                               description="Tasks of the whole render, threads included.")


class RenderRequest(BaseModel):
    scene_file: str
    class_name: str | None = None
    quality: Quality = "l"
    line_durations: list[float] | None = None
    voiceover_seconds: dict[str, float] | None = Field(default=None, description="Seconds each "
                                                       "voiceover's text takes to say, its speech "
                                                       "made before the render (a scene on "
                                                       "scaffold.voiceover).")
    tex_cache: str | None = Field(default=None, description="Read-only seed of compiled LaTeX.")
    dry_run: bool = Field(default=False, description="Run construct() without writing video.")
    check: bool = Field(default=False, description="The repair loop's cheapest run: construct() "
                        "to its end with every animation skipped to its last state and no frame "
                        "drawn, to reach the next error fast. Implies dry_run.")
    assets_dir: str | None = Field(default=None, description="Its files linked into ./assets "
                                   "for the scene (read-only in the sandbox's view).")
    scene_path: str | None = Field(default=None, description="Where the scene lives in its "
                                   "project (fix): the scene sees it as __file__, so the paths it "
                                   "computes from it come out as there.")
    modules_dir: str | None = Field(default=None, description="The scene's own modules (repair/"
                                    "project.py: checked under the scene policy), laid out as on "
                                    "its import path; copied beside scene.py, read-only.")
    modules: list[str] = Field(default_factory=list, description="Those copies, as paths in the "
                               "work folder (set by render_in_sandbox); the folder goes first on "
                               "the scene's import path.")
    data_files: list[str] = Field(default_factory=list, description="Files of the scene's project "
                                  "that it names by their own path, computed from __file__ "
                                  "(repair/data_files.py): shown to it read-only at those paths. "
                                  "Only a new sandbox can (a warm worker's view is made once).")
    preview: bool = Field(default=False, description="The quickest look at a section: construct() "
                          "with animations skipped (as check), and the frame at the end of each "
                          "lecture-line block saved as preview/block_NN.png. Implies dry_run.")
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
    caps_hit: list[Literal["memory", "processes", "disk", "log"]] = Field(
        default_factory=list, description="Caps on the whole render it ran into (log: output "
        "was cut to its head and tail).")
    peak_tasks: int | None = Field(default=None, description="Most tasks at once (pids cgroup).")
    worker: Literal["cold", "warm"] = Field(default="cold", description="A new sandboxed process, "
                                            "or a job of a warm worker (sandbox.pool).")

    def summary(self) -> str:
        if self.ok:
            return f"rendered {self.duration:.1f} s of video"
        if self.killed == "timeout":
            return "killed: the render ran past its time limit"
        if self.killed == "cancelled":
            return "stopped"
        if self.killed in ("memory", "cpu"):
            return f"killed: the render exceeded its {self.killed} limit"
        caps = [c for c in self.caps_hit if c != "log"]
        reached = f" [limit reached: {', '.join(caps)}]" if caps else ""
        if self.error:
            where = f" (scene line {self.error.scene_line})" if self.error.scene_line else ""
            return f"{self.error.type}{where}: {self.error.message}{reached}"
        return f"the render process exited with code {self.exit_code}{reached}"
