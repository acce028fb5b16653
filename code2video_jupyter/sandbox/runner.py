"""The parent side of a sandboxed render: prepare a private folder, start the child inside every
isolation layer this machine allows, wait with a wall-clock limit, kill it all on timeout or
cancel, and collect the outputs."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from .environment import sandbox_env
from .isolation import PidsCgroup, probe
from .request import Limits, RenderError, RenderRequest, RenderResult

CancelCheck = Callable[[], bool]


class SandboxProcess:
    """One running child; ``kill()`` is safe from any thread, at any time, more than once."""

    def __init__(self, workdir: Path, limits: Limits) -> None:
        self.workdir = workdir
        self.limits = limits
        self.proc: subprocess.Popen[bytes] | None = None
        self.cgroup: PidsCgroup | None = None
        self.killed: str | None = None
        self._lock = threading.Lock()

    def start(self, log_file) -> None:
        layers = probe()
        cmd = [*layers.namespaces, sys.executable, "-m", "code2video_jupyter.sandbox.child",
               str(self.workdir)]
        if layers.pids_cgroup:
            try:
                self.cgroup = PidsCgroup(layers.pids_cgroup, self.limits.max_processes)
                # The shell joins the cgroup, then becomes the sandbox: nothing runs outside it.
                cmd = ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', self.cgroup.procs_file, *cmd]
            except OSError:
                self.cgroup = None
        self.proc = subprocess.Popen(
            cmd, cwd=self.workdir, env=sandbox_env(str(self.workdir)), stdin=subprocess.DEVNULL,
            stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True, close_fds=True,
        )

    def kill(self, reason: str) -> None:
        with self._lock:
            if self.killed is None:
                self.killed = reason
            proc = self.proc
        if proc is None:
            return
        targets: set[int] = set()
        with contextlib.suppress(psutil.Error):
            targets |= {c.pid for c in psutil.Process(proc.pid).children(recursive=True)}
        if self.cgroup:
            targets |= set(self.cgroup.pids())
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        for pid in targets:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)

    def wait(self, cancelled: CancelCheck | None) -> int:
        assert self.proc is not None
        deadline = time.monotonic() + self.limits.wall_seconds
        while True:
            try:
                return self.proc.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                pass
            if cancelled is not None and cancelled():
                self.kill("cancelled")
            elif time.monotonic() > deadline:
                self.kill("timeout")

    def cleanup(self) -> None:
        # Stragglers in the cgroup (there should be none once the namespace is gone).
        if self.cgroup:
            for _ in range(50):
                pids = self.cgroup.pids()
                if not pids:
                    break
                for pid in pids:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(pid, signal.SIGKILL)
                time.sleep(0.02)
            self.cgroup.remove()


def render_in_sandbox(
    request: RenderRequest,
    limits: Limits | None = None,
    *,
    cancelled: CancelCheck | None = None,
    on_start: Callable[[SandboxProcess], None] | None = None,
    keep_workdir: str | None = None,
) -> RenderResult:
    """Render ``request.scene_file`` in a fresh sandbox. Outputs (video, timeline, log) are left
    in a new folder whose paths the result gives; the caller moves them where they belong."""
    limits = limits or Limits()
    work = Path(keep_workdir or tempfile.mkdtemp(prefix="c2v-render-"))
    work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(request.scene_file, work / "scene.py")
    if request.assets_dir and Path(request.assets_dir).is_dir() and not (work / "assets").exists():
        # runs keep images in <run>/assets; scenes refer to them as "assets/NAME"
        os.symlink(Path(request.assets_dir).resolve(), work / "assets")
    (work / "request.json").write_text(json.dumps(
        {"request": request.model_dump(mode="json"), "limits": limits.model_dump(mode="json")}))
    log_path = work / "render.log"
    box = SandboxProcess(work, limits)
    t0 = time.monotonic()
    with open(log_path, "wb") as log:
        box.start(log)
        if on_start:
            on_start(box)
        try:
            code = box.wait(cancelled)
        finally:
            box.cleanup()
    elapsed = time.monotonic() - t0
    return _collect(work, code, box.killed, elapsed, log_path)


def _collect(work: Path, code: int, killed: str | None, elapsed: float, log: Path) -> RenderResult:
    result = work / "result.json"
    error = work / "error.json"
    if killed is None and code == 0 and result.exists():
        data = json.loads(result.read_text())
        return RenderResult(ok=True, video=data["video"], timeline=data["timeline"],
                            duration=data["duration"], exit_code=0, elapsed=elapsed, log=str(log))
    err = RenderError.model_validate_json(error.read_text()) if error.exists() else None
    if killed is None:
        if err is not None and err.type == "MemoryError":
            killed = "memory"
        elif code in (-signal.SIGXCPU, 128 + signal.SIGXCPU, -signal.SIGKILL) and err is None:
            killed = "cpu" if code in (-signal.SIGXCPU, 128 + signal.SIGXCPU) else "signal"
    if err is None and killed is None:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        err = RenderError(type="RenderProcessError", message=f"exit code {code}", traceback=tail)
    return RenderResult(ok=False, error=err, killed=killed, exit_code=code, elapsed=elapsed, log=str(log))
