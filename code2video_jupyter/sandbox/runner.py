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
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import psutil

from . import fsview
from .environment import sandbox_env
from .isolation import Layers, RenderCgroup, probe, setpriv_drop
from .request import Limits, RenderError, RenderRequest, RenderResult

CancelCheck = Callable[[], bool]

LOG_HEAD = LOG_TAIL = 256 * 1024  # a traceback sits at the end; the first warnings at the start
EXPORTER = Path(__file__).with_name("export.py")
# The render's stdout joins its stderr (the log); the exporter alone writes to the real stdout
# (the outputs' pipe), after the render's process has exited. The render's exit code is kept.
WRAPPER = ('"$1" -m code2video_jupyter.sandbox.child "$2" >&2 </dev/null; code=$?; '
           '"$1" -I -S "$3" "$2" </dev/null; exit $code')
# Joins the given cgroups, then becomes the sandbox: nothing of the render runs outside them.
JOIN = ('for f do [ "$f" = -- ] && break; echo $$ > "$f" || exit 125; done; '
        'while [ "$1" != -- ]; do shift; done; shift; exec "$@"')
RESULT_FILES = ("result.json", "error.json", "timeline.json", "snapshots.json")


class BoundedLog:
    """What the parent keeps of the render's output: its first and last bytes, with a note of
    how much was cut between them (a render that prints 300 MB costs no more than this).
    Unbounded (the layer switched off) it streams everything to the file, as before."""

    def __init__(self, path: Path, head: int = LOG_HEAD, tail: int = LOG_TAIL,
                 bounded: bool = True) -> None:
        self.path = path
        self.head_max, self.tail_max, self.bounded = head, tail, bounded
        self.head = bytearray()
        self.tail = bytearray()
        self.cut = 0
        self._file = None if bounded else open(path, "wb")  # noqa: SIM115 - closed in finish()

    def feed(self, data: bytes) -> None:
        if self._file is not None:
            self._file.write(data)
            return
        room = self.head_max - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        self.tail += data
        if len(self.tail) > self.tail_max:
            extra = len(self.tail) - self.tail_max
            del self.tail[:extra]
            self.cut += extra

    def finish(self, notes: list[str]) -> None:
        """Write the log (the parent's notes about the sandbox at its end)."""
        extra = "".join(f"\n[sandbox] {n}" for n in notes).encode()
        if self._file is not None:
            self._file.write(extra)
            self._file.close()
            return
        kept = bytes(self.head)
        if self.cut:
            kept += (f"\n[... {self.cut} bytes of output cut by the sandbox: its first "
                     f"{self.head_max} and last {self.tail_max} bytes are kept ...]\n").encode()
        self.path.write_bytes(kept + bytes(self.tail) + extra)


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


def _output_path(work: Path, name: str) -> Path | None:
    """Where an output named by the sandbox may go: a result file or a file under media/."""
    p = PurePosixPath(name)
    if p.is_absolute() or ".." in p.parts or not p.parts:
        return None
    if str(p) in RESULT_FILES or (p.parts[0] == "media" and len(p.parts) > 1):
        return work.joinpath(*p.parts)
    return None


def receive_outputs(fd: int, work: Path, cap_bytes: int, notes: list[str]) -> None:
    """Write the exporter's tar stream into ``work``: regular files under allowed names only,
    ``cap_bytes`` in all; anything else is refused (and noted). Closing early breaks the
    exporter's pipe, which ends it."""
    total = 0
    with os.fdopen(fd, "rb") as pipe:
        try:
            with tarfile.open(fileobj=pipe, mode="r|") as tar:
                for member in tar:
                    dest = _output_path(work, member.name)
                    if dest is None or not member.isfile():
                        notes.append(f"refused from the sandbox: {member.name!r}")
                        continue
                    total += member.size
                    if total > cap_bytes:
                        notes.append("the sandbox's outputs exceed the disk limit: not taken")
                        return
                    src = tar.extractfile(member)
                    if src is None:
                        continue
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    with open(dest, "wb") as out:
                        shutil.copyfileobj(src, out)
            # the archive's end-of-file blocks and padding: the exporter must not meet a
            # closed pipe while it finishes
            while total <= cap_bytes and (chunk := pipe.read(1 << 16)):
                total += len(chunk)
        except (tarfile.TarError, OSError, EOFError) as e:
            notes.append(f"the sandbox's outputs could not be read: {e}")


class SandboxProcess:
    """One running child; ``kill()`` is safe from any thread, at any time, more than once."""

    def __init__(self, workdir: Path, limits: Limits, request: RenderRequest | None = None,
                 layers: Layers | None = None) -> None:
        self.workdir = workdir
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
                                  assets=self.request.assets_dir)
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
            for _ in range(50):
                pids = self.cgroup.tasks()
                if not pids:
                    break
                for pid in pids:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.kill(pid, signal.SIGKILL)
                time.sleep(0.02)
            self.oom_kills = self.cgroup.oom_kills()
            self.forks_refused = self.cgroup.forks_refused()
            self.peak_tasks = self.cgroup.peak_tasks()
            self.cgroup.remove()
        self._stop.set()
        for t in self._threads:
            t.join(timeout=10)


def render_in_sandbox(
    request: RenderRequest,
    limits: Limits | None = None,
    *,
    cancelled: CancelCheck | None = None,
    on_start: Callable[[SandboxProcess], None] | None = None,
    keep_workdir: str | None = None,
    layers: Layers | None = None,
) -> RenderResult:
    """Render ``request.scene_file`` in a fresh sandbox. Outputs (video, timeline, log) are left
    in a new folder whose paths the result gives; the caller moves them where they belong.
    ``layers`` defaults to every layer this machine allows (tests switch single ones off)."""
    limits = limits or Limits()
    layers = layers or probe()
    work = Path(keep_workdir or tempfile.mkdtemp(prefix="c2v-render-"))
    work.mkdir(parents=True, exist_ok=True)
    work = work.resolve()  # the view mounts it at this path: the same on both sides
    shutil.copyfile(request.scene_file, work / "scene.py")
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
    for name in ("scene.py", "request.json"):  # whatever the umask: the render's uid reads them
        (work / name).chmod(0o644)
    box = SandboxProcess(work, limits, request, layers)
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
    return _collect(work, code, box, elapsed, box.log.path)


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


def _inside(work: Path, path: object) -> str | None:
    """A path the sandbox reported, if it is a regular file inside the work folder (a forged
    result.json could name any file the parent may read; the parent would copy it)."""
    if not isinstance(path, str):
        return None
    p = Path(path) if os.path.isabs(path) else work / path
    real = p.resolve()
    if real.is_relative_to(work) and real.is_file() and not p.is_symlink():
        return str(real)
    return None


def _collect(work: Path, code: int, box: SandboxProcess, elapsed: float, log: Path) -> RenderResult:
    killed = box.killed
    caps: list[str] = []
    if box.oom_kills:
        caps.append("memory")
    if box.forks_refused:
        caps.append("processes")
    if box.log.cut:
        caps.append("log")
    result = work / "result.json"
    error = work / "error.json"
    sig = -code if code < 0 else (code - 128 if code > 128 else 0)
    if killed is None and code == 0 and result.exists():
        try:
            data = json.loads(result.read_text())
            video = _inside(work, data["video"]) if data.get("video") is not None else None
            timeline = _inside(work, data.get("timeline"))
            if data.get("video") is not None and video is None:
                raise ValueError(f"the reported video is not a file in the work folder: {data['video']!r}")
            return RenderResult(ok=True, video=video, timeline=timeline,
                                duration=float(data["duration"]), exit_code=0, elapsed=elapsed,
                                log=str(log), caps_hit=caps, peak_tasks=box.peak_tasks)
        except (ValueError, KeyError, TypeError) as e:
            err = RenderError(type="RenderProcessError", message=f"unusable result.json: {e}",
                              traceback="")
            return RenderResult(ok=False, error=err, exit_code=code, elapsed=elapsed, log=str(log),
                                caps_hit=caps, peak_tasks=box.peak_tasks)
    try:
        err = RenderError.model_validate_json(error.read_text()) if error.exists() else None
    except ValueError:
        err = None
    if err is not None and "No space left on device" in err.message + err.traceback[-2000:]:
        caps.append("disk")
    if killed is None:
        if box.oom_kills or (err is not None and err.type == "MemoryError"):
            killed = "memory"
        elif sig in (signal.SIGXCPU, signal.SIGKILL) and err is None:
            killed = "cpu" if sig == signal.SIGXCPU else "signal"
    if err is None and killed is None:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        err = RenderError(type="RenderProcessError", message=f"exit code {code}", traceback=tail)
    return RenderResult(ok=False, error=err, killed=killed, exit_code=code, elapsed=elapsed,
                        log=str(log), caps_hit=caps, peak_tasks=box.peak_tasks)
