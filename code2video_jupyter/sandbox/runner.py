"""The parent side of a sandboxed render: prepare a private folder, start the child inside every
isolation layer this machine allows (see isolation), wait with a wall-clock limit, kill it all
on timeout or cancel, and collect the outputs and a bounded log.

With the file-system view the render writes only into a size-limited tmpfs that exists inside
the sandbox; its outputs come back as a tar stream from ``export.py`` (run in the sandbox after
the render's process exits) and are written here, by the parent, as regular files.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

from . import fsview
from .boundedlog import BoundedLog
from .environment import sandbox_env
from .isolation import Layers, RenderCgroup, probe, setpriv_drop
from .request import Limits, RenderRequest, RenderResult
from .results import Outcome, collect, receive_outputs

CancelCheck = Callable[[], bool]

EXPORTER = Path(__file__).with_name("export.py")
# The render's stdout joins its stderr (the log); the exporter alone writes to the real stdout
# (the outputs' pipe), after the render's process has exited. The render's exit code is kept.
WRAPPER = ('"$1" -m code2video_jupyter.sandbox.child "$2" >&2 </dev/null; code=$?; '
           '"$1" -I -S "$3" "$2" </dev/null; exit $code')
# Joins the given cgroups, then becomes the sandbox: nothing of the render runs outside them.
JOIN = ('for f do [ "$f" = -- ] && break; echo $$ > "$f" || exit 125; done; '
        'while [ "$1" != -- ]; do shift; done; shift; exec "$@"')


def _pump(fd: int, sink: Callable[[bytes], None], stop: threading.Event) -> None:
    """Read ``fd`` to its end; once ``stop`` is set, give up after a short drain (a stray
    process of a render without a PID namespace may hold the pipe open)."""
    deadline: float | None = None
    try:
        while True:
            if stop.is_set():
                deadline = deadline or time.monotonic() + 2.0
                if time.monotonic() > deadline:
                    return
            ready, _, _ = select.select([fd], [], [], 0.1)
            if not ready:
                if stop.is_set():
                    return
                continue
            data = os.read(fd, 1 << 16)
            if not data:
                return
            sink(data)
    finally:
        os.close(fd)


class SandboxProcess:
    """One running child; ``kill()`` is safe from any thread, at any time, more than once."""

    def __init__(self, workdir: Path, limits: Limits, request: RenderRequest | None = None,
                 layers: Layers | None = None, data: tuple[tuple[Path, Path], ...] = ()) -> None:
        self.workdir = workdir
        self.data = data  # (readable copy, path shown) of the scene's data files (_data_copies)
        self.limits = limits
        self.request = request or RenderRequest(scene_file=str(workdir / "scene.py"))
        self.layers = layers or probe()
        self.proc: subprocess.Popen[bytes] | None = None
        self.cgroup: RenderCgroup | None = None
        self.killed: str | None = None
        self.log = BoundedLog(workdir / "render.log", bounded=self.layers.bounded_log)
        self.notes: list[str] = []
        self.oom_kills = self.forks_refused = 0
        self.peak_tasks: int | None = None
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()

    @property
    def exports(self) -> bool:
        """Whether outputs come back through the exporter (the work folder is a tmpfs)."""
        return bool(self.layers.bwrap and self.layers.disk_cap)

    def command(self) -> list[str]:
        layers, work = self.layers, self.workdir
        child = [sys.executable, "-m", "code2video_jupyter.sandbox.child", str(work)]
        if not layers.bwrap:
            return [*layers.namespaces, *child]
        view = fsview.render_view(work, disk_mb=self.limits.disk_mb if layers.disk_cap else None,
                                  tex_cache=self.request.tex_cache,
                                  assets=self.request.assets_dir,
                                  inputs=("scene.py", "request.json", *self.request.modules),
                                  data=self.data)
        inner = (["/bin/sh", "-c", WRAPPER, "sh", sys.executable, str(work), str(EXPORTER)]
                 if self.exports else child)
        if layers.drop_uid is not None and layers.drop_gid is not None:
            inner = [*setpriv_drop(layers.drop_uid, layers.drop_gid), *inner]
        return [layers.bwrap, *view.args, *fsview.namespaces(layers.runs_as_root), "--", *inner]

    def start(self) -> None:
        cmd = self.command()
        layers = self.layers
        if layers.pids_cgroup or layers.memory_cgroup:
            try:
                # The tmpfs folders live in memory: they count against the render's memory.
                tmpfs_mb = (self.limits.disk_mb + fsview.TMP_MB + fsview.SHM_MB) if self.exports else 0
                tmpfs_mb += fsview.DATA_DIR_MB * len({path.parent for _, path in self.data})
                self.cgroup = RenderCgroup(
                    layers.pids_cgroup, layers.memory_cgroup, max_tasks=self.limits.max_processes,
                    memory_bytes=(self.limits.memory_mb + tmpfs_mb) * fsview.MB)
                cmd = ["/bin/sh", "-c", JOIN, "sh", *self.cgroup.procs_files, "--", *cmd]
            except OSError as e:
                self.notes.append(f"no cgroup for this render: {e}")
                self.cgroup = None
        log_r, log_w = os.pipe()
        out_r, out_w = os.pipe() if self.exports else (None, None)
        try:
            self.proc = subprocess.Popen(
                cmd, cwd=self.workdir, env=sandbox_env(str(self.workdir)), stdin=subprocess.DEVNULL,
                stdout=out_w if out_w is not None else log_w, stderr=log_w,
                start_new_session=True, close_fds=True,
            )
        except BaseException:
            for fd in (log_r, out_r):
                if fd is not None:
                    os.close(fd)
            raise
        finally:
            for fd in (log_w, out_w):
                if fd is not None:
                    os.close(fd)
        self._spawn(_pump, log_r, self.log.feed, self._stop)
        if out_r is not None:
            cap = (self.limits.disk_mb + fsview.TMP_MB) * fsview.MB
            self._spawn(receive_outputs, out_r, self.workdir, cap, self.notes)

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        t = threading.Thread(target=target, args=args, daemon=True, name="c2v-sandbox-io")
        t.start()
        self._threads.append(t)

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
            targets |= set(self.cgroup.tasks())
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
            self.cgroup.kill_all()
            self.oom_kills = self.cgroup.oom_kills()
            self.forks_refused = self.cgroup.forks_refused()
            self.peak_tasks = self.cgroup.peak_tasks()
            self.cgroup.remove()
        self._stop.set()
        for t in self._threads:
            t.join(timeout=10)


def render_cold(request: RenderRequest, limits: Limits, work: Path, layers: Layers, *,
                cancelled: CancelCheck | None = None,
                on_start: Callable[[SandboxProcess], None] | None = None) -> RenderResult:
    """Render the scene copied to ``work/scene.py`` in a new sandboxed process."""
    request = request.model_copy(update={"assets_dir": _assets_for(request.assets_dir, work, layers)})
    if layers.bwrap and not layers.disk_cap:
        # only with the disk cap switched off: the host folder itself is the render's, and the
        # render may run as another uid
        work.chmod(0o777)
    child_limits = limits.model_dump(mode="json")
    # RLIMIT_NPROC counts every process of the uid (all renders, or the user's whole session):
    # only a fallback when no pids cgroup counts this render's.
    child_limits["rlimit_nproc"] = layers.pids_cgroup is None and layers.nproc_rlimit
    (work / "request.json").write_text(json.dumps(
        {"request": request.model_dump(mode="json"), "limits": child_limits}))
    for name in ("scene.py", "request.json", *request.modules):  # whatever the umask: the
        (work / name).chmod(0o644)  # render's uid reads them
    for folder in {(work / name).parent for name in request.modules} - {work}:
        folder.chmod(0o755)
    data = _data_copies(request.data_files, work) if layers.bwrap else ()  # (else seen as they are)
    box = SandboxProcess(work, limits, request, layers, data)
    t0 = time.monotonic()
    try:
        box.start()
        if on_start:
            on_start(box)
        code = box.wait(cancelled)
    finally:
        if box.proc is not None and box.proc.poll() is None:  # the caller was interrupted
            box.kill("cancelled")
        box.cleanup()
    elapsed = time.monotonic() - t0
    box.log.finish(box.notes)
    outcome = Outcome(killed=box.killed, oom_kills=box.oom_kills, forks_refused=box.forks_refused,
                      log_cut=box.log.cut, peak_tasks=box.peak_tasks)
    return collect(work, code, outcome, elapsed, box.log.path)


def _data_copies(files: list[str], work: Path) -> tuple[tuple[Path, Path], ...]:
    """Readable copies (in the host's work folder, outside the view) of the files the scene
    names by their own path, each with the path it is shown at: the render may run as another
    uid, which must read them but nothing else of the caller's."""
    pairs = []
    for i, name in enumerate(files):
        path = Path(name)
        if not path.is_file():
            continue
        copy = work / ".data" / f"{i:03d}{path.suffix}"
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, copy)
        copy.chmod(0o644)
        pairs.append((copy, path))
    return tuple(pairs)


def _assets_for(assets: str | None, work: Path, layers: Layers) -> str | None:
    """The folder the render gets its assets from (read-only; the child links them in). When
    it runs as another uid, a readable copy in the work folder: the run store writes files
    0600, and that uid must not read anything else of the caller's anyway."""
    if not assets or not Path(assets).is_dir():
        return None
    if not (layers.bwrap and layers.drop_uid is not None):
        return str(Path(assets).resolve())
    copy = work / ".assets"
    shutil.copytree(assets, copy, dirs_exist_ok=True)
    for folder, _, files in os.walk(copy):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    return str(copy)


