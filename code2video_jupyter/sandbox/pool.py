"""Warm render workers (the parent side of the fork server in ``worker.py``).

A worker is started in the same layers as a cold render (bubblewrap's view and namespaces,
its own pids and memory cgroups, the unprivileged uid, a clean environment), imports manim
once and then runs jobs one at a time, each in a child of its own. One pool per process (a
kernel, a CLI run), started lazily and sized to ``-j``; a worker idle for ``idle_seconds`` is
shut down, one whose code (manim, this package) changed since it started is replaced, one that
died is replaced and its job retried once.

Jobs whose layers a worker cannot give (no view, no disk cap, the log layer off: the tests'
positive controls) take the cold path in ``runner.py``.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import itertools
import os
import select
import signal
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import frames, fsview
from .boundedlog import LOG_HEAD, LOG_TAIL
from .environment import sandbox_env
from .isolation import Layers, RenderCgroup, setpriv_drop
from .request import Limits, RenderError, RenderRequest, RenderResult
from .results import Outcome, collect, receive_outputs
from .runner import JOIN, CancelCheck

JOB_DIR = "/c2v/job"  # the worker's job folder, in its own view only
START_SECONDS = 180.0  # importing manim on a busy machine: seconds; far more means it is stuck
KILL_GRACE = 10.0  # a worker that does not answer a kill within this is killed whole
WORKER_STDERR = 64 * 1024


class WorkerDied(Exception):
    """The worker ended (or stopped answering) while it had a job."""


def code_stamp() -> tuple:
    """What a worker's imports depend on: manim's version and this package's sources. A worker
    started before either changed is replaced (an edited scaffold must not render stale)."""
    pkg = fsview.package_dir()
    newest, count = 0, 0
    for folder, _, files in os.walk(pkg):
        for name in files:
            if name.endswith(".py"):
                with contextlib.suppress(OSError):
                    newest = max(newest, os.stat(os.path.join(folder, name)).st_mtime_ns)
                    count += 1
    try:
        from importlib.metadata import version

        manim = version("manim")
    except Exception:  # noqa: BLE001 - no metadata: the sources still decide
        manim = "?"
    return manim, newest, count


@dataclass(frozen=True)
class Shape:
    """What a worker is started with and cannot change later: its layers, the size of its job
    folder (a tmpfs), the TeX cache in its view and its environment (a PATH without LaTeX, set
    after a worker started, must not find a worker that still sees it)."""

    layers: Layers
    disk_mb: int
    tex_cache: str | None
    env: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, layers: Layers, limits: Limits, tex_cache: str | None) -> Shape:
        cache = str(Path(tex_cache).resolve()) if tex_cache and os.path.isdir(tex_cache) else None
        return cls(layers, limits.disk_mb, cache, tuple(sorted(sandbox_env(JOB_DIR).items())))


@dataclass
class PoolStats:
    started: int = 0
    jobs: int = 0
    replaced: int = 0  # died, could not clean up, or its code changed
    retried: int = 0
    warm_seconds: list[float] = field(default_factory=list)


class WorkerUnavailable(Exception):
    """No worker could be started for this job: render it cold."""


class JobHandle:
    """What ``on_start`` gets: ``kill(reason)`` from any thread, like a cold render's box."""

    def __init__(self, worker: Worker, job: int) -> None:
        self.worker, self.job = worker, job

    def kill(self, reason: str) -> None:
        self.worker.kill_job(self.job, reason)


class Worker:
    _ids = itertools.count(1)

    def __init__(self, shape: Shape, spawn: Callable[[Callable[[], subprocess.Popen]], subprocess.Popen]) -> None:
        self.shape = shape
        self.id = next(self._ids)
        self.stamp = code_stamp()
        self.proc: subprocess.Popen[bytes] | None = None
        self.cgroup: RenderCgroup | None = None
        self.reader = frames.Reader()
        self.stderr = bytearray()
        self.lock = threading.Lock()
        self.job: int | None = None
        self.killed: str | None = None
        self.kill_sent: float | None = None
        self.last_used = time.monotonic()
        self.jobs = 0
        self.warm_seconds: float | None = None
        self.notes: list[str] = []
        self._spawn = spawn

    # --- life ---------------------------------------------------------------------------------

    def command(self) -> list[str]:
        layers, shape = self.shape.layers, self.shape
        assert layers.bwrap
        view = fsview.render_view(Path(JOB_DIR), disk_mb=shape.disk_mb, tex_cache=shape.tex_cache,
                                  assets=None, inputs=())
        inner = [sys.executable, "-m", "code2video_jupyter.sandbox.worker", JOB_DIR]
        if layers.drop_uid is not None and layers.drop_gid is not None:
            inner = [*setpriv_drop(layers.drop_uid, layers.drop_gid), *inner]
        return [layers.bwrap, *view.args, *fsview.namespaces(layers.runs_as_root), "--", *inner]

    def start(self, limits: Limits) -> None:
        cmd = self.command()
        layers = self.shape.layers
        if layers.pids_cgroup or layers.memory_cgroup:
            try:
                self.cgroup = RenderCgroup(layers.pids_cgroup, layers.memory_cgroup,
                                           max_tasks=limits.max_processes,
                                           memory_bytes=self._memory_bytes(limits))
                cmd = ["/bin/sh", "-c", JOIN, "sh", *self.cgroup.procs_files, "--", *cmd]
            except OSError as e:
                self.notes.append(f"no cgroup for this worker: {e}")
                self.cgroup = None

        def popen() -> subprocess.Popen:
            return subprocess.Popen(cmd, cwd="/", env=dict(self.shape.env), stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    start_new_session=True, close_fds=True)

        self.proc = self._spawn(popen)
        threading.Thread(target=self._pump_stderr, daemon=True, name="c2v-worker-err").start()
        header = self._next_message(time.monotonic() + START_SECONDS)
        if not header.get("ready"):
            raise WorkerDied(f"the worker did not start: {header}")
        self.warm_seconds = float(header.get("warm_seconds") or 0)

    def _memory_bytes(self, limits: Limits) -> int:
        # as a cold render's: the job's own memory and its tmpfs folders, which live in memory;
        # the worker's imports are shared with the job's process (copy-on-write), as a cold
        # render's process holds the same imports itself
        return (limits.memory_mb + limits.disk_mb + fsview.TMP_MB + fsview.SHM_MB) * fsview.MB

    def _pump_stderr(self) -> None:
        assert self.proc and self.proc.stderr
        fd = self.proc.stderr.fileno()
        with contextlib.suppress(OSError, ValueError):
            while data := os.read(fd, 1 << 16):
                self.stderr += data
                del self.stderr[:-WORKER_STDERR]

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def close(self) -> None:
        """End the worker and everything in its sandbox."""
        proc = self.proc
        if proc is None:
            return
        with contextlib.suppress(OSError, ValueError):
            proc.stdin.close()  # the worker exits at end of input
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
        if self.cgroup:
            self.cgroup.kill_all()
            self.cgroup.remove()
        for pipe in (proc.stdout, proc.stderr):
            with contextlib.suppress(OSError, ValueError):
                pipe.close()

    def pids(self) -> list[int]:
        """Host pids of every process of this worker (its sandbox included)."""
        if self.cgroup and self.cgroup.made:
            return self.cgroup.tasks()
        return [self.proc.pid] if self.proc else []

    # --- the wire -----------------------------------------------------------------------------

    def _read(self, deadline: float) -> bool:
        """Feed what the worker sent until ``deadline``; False when nothing came."""
        assert self.proc and self.proc.stdout
        fd = self.proc.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], max(0.0, min(0.05, deadline - time.monotonic())))
        if not ready:
            return False
        data = os.read(fd, 1 << 16)
        if not data:
            raise WorkerDied(self._death())
        try:
            self.reader.feed(data)
        except frames.ProtocolError as e:
            raise WorkerDied(f"the worker's reply is garbled: {e}") from e
        return True

    def _next_message(self, deadline: float) -> dict:
        while True:
            while self.reader.events:
                kind, value = self.reader.events.popleft()
                if kind == "message":
                    return value
            if time.monotonic() > deadline:
                raise WorkerDied("the worker did not answer in time")
            self._read(deadline)

    def _death(self) -> str:
        code = self.proc.poll() if self.proc else None
        if code is None and self.proc:
            with contextlib.suppress(subprocess.TimeoutExpired):
                code = self.proc.wait(timeout=2)
        tail = bytes(self.stderr[-2000:]).decode(errors="replace").strip()
        return f"the render's worker ended (exit code {code})" + (f": {tail}" if tail else "")

    def kill_job(self, job: int, reason: str) -> None:
        with self.lock:
            if self.job != job or self.killed:
                return
            self.killed, self.kill_sent = reason, time.monotonic()
            with contextlib.suppress(OSError, ValueError):
                frames.send(self.proc.stdin.fileno(), {"kill": job, "reason": reason})

    # --- one job ------------------------------------------------------------------------------

    def run(self, job: int, request: RenderRequest, limits: Limits, work: Path, inputs: bytes,
            cancelled: CancelCheck | None) -> tuple[dict, Outcome]:
        """Send the job, wait for its end (killing it on timeout or cancel), receive its outputs
        into ``work``. Raises WorkerDied when the worker ends or stops answering."""
        assert self.proc and self.proc.stdin
        if self.cgroup:
            self.cgroup.set_limits(limits.max_processes, self._memory_bytes(limits))
        before = self._counters()
        child_limits = limits.model_dump(mode="json")
        child_limits["rlimit_nproc"] = self.shape.layers.pids_cgroup is None and \
            self.shape.layers.nproc_rlimit
        with self.lock:
            self.job, self.killed, self.kill_sent = job, None, None
        self.jobs += 1
        frames.send(self.proc.stdin.fileno(),
                    {"job": job, "request": request.model_dump(mode="json"), "limits": child_limits},
                    stream=[inputs])
        deadline = time.monotonic() + limits.wall_seconds
        header: dict | None = None
        tar_path = work / ".outputs.tar"
        notes: list[str] = []
        try:
            with open(tar_path, "wb") as tar_file:
                size, cap = 0, (limits.disk_mb + fsview.TMP_MB) * fsview.MB + LOG_HEAD + LOG_TAIL
                while True:
                    while self.reader.events:
                        kind, value = self.reader.events.popleft()
                        if kind == "message" and value.get("done") == job:
                            header = value
                            if not value.get("stream"):
                                break
                        elif kind == "chunk" and header is not None:
                            size += len(value)
                            if size <= cap:
                                tar_file.write(value)
                        elif kind == "end" and header is not None:
                            break
                    else:
                        self._wait_step(job, deadline, cancelled)
                        continue
                    break
            if header is None or header.get("broken"):
                raise WorkerDied(str((header or {}).get("broken") or "no result"))
            if size > cap:
                notes.append("the sandbox's outputs exceed the disk limit: not taken")
            else:
                receive_outputs(os.open(tar_path, os.O_RDONLY), work, cap, notes,
                                extra=("render.log",))
        finally:
            tar_path.unlink(missing_ok=True)
            with self.lock:
                self.job = None
            self.last_used = time.monotonic()
        after = self._counters()
        outcome = Outcome(killed=self.killed or header.get("killed"),
                          oom_kills=after[0] - before[0], forks_refused=after[1] - before[1],
                          log_cut=int(header.get("log_cut") or 0), peak_tasks=None)
        header["notes"] = notes
        return header, outcome

    def _wait_step(self, job: int, deadline: float, cancelled: CancelCheck | None) -> None:
        now = time.monotonic()
        if self.kill_sent is not None and now > self.kill_sent + KILL_GRACE:
            raise WorkerDied("the worker did not end its job when told to")
        if self.killed is None:
            if cancelled is not None and cancelled():
                self.kill_job(job, "cancelled")
            elif now > deadline:
                self.kill_job(job, "timeout")
        self._read(now + 0.05)

    def _counters(self) -> tuple[int, int]:
        if not self.cgroup:
            return 0, 0
        return self.cgroup.oom_kills(), self.cgroup.forks_refused()


def _inputs(scene_file: str, assets: str | None, modules: Sequence[str] = ()) -> bytes:
    """The job's inputs as a tar: its scene and its own modules beside it, and its assets under
    assets/ (the worker's view has no folder of the caller's: not the run, not the assets)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.add(scene_file, arcname="scene.py", recursive=False)
        for rel in modules:
            tar.add(os.path.join(os.path.dirname(scene_file), rel), arcname=rel, recursive=False)
        if assets and os.path.isdir(assets):
            for folder, _, files in os.walk(assets):
                for name in sorted(files):
                    path = os.path.join(folder, name)
                    if os.path.isfile(path):
                        tar.add(path, arcname=os.path.join("assets", os.path.relpath(path, assets)),
                                recursive=False)
    return buf.getvalue()


class WorkerPool:
    """Warm workers for renders, probes and checks; ``run`` is safe from many threads."""

    def __init__(self, size: int, idle_seconds: float = 600.0) -> None:
        self.size = max(1, size)
        self.idle_seconds = idle_seconds
        self.stats = PoolStats()
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._starting = 0
        self._cond = threading.Condition()
        self._jobs = itertools.count(1)
        # Workers are started from this one long-lived thread: bubblewrap's --die-with-parent
        # fires when the *thread* that started it ends (a render stage's thread pool does).
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="c2v-pool-spawn")
        self._closed = False
        threading.Thread(target=self._reap, daemon=True, name="c2v-pool-reaper").start()

    def _spawn(self, popen: Callable[[], subprocess.Popen]) -> subprocess.Popen:
        return self._spawner.submit(popen).result()

    # --- workers ------------------------------------------------------------------------------

    def _acquire(self, shape: Shape, limits: Limits) -> Worker:
        stale: list[Worker] = []
        with self._cond:
            while True:
                if self._closed:
                    raise RuntimeError("the worker pool is shut down")
                stamp = code_stamp()
                for w in list(self._idle):
                    if not w.alive or w.stamp != stamp:
                        self._idle.remove(w)
                        stale.append(w)
                match = next((w for w in self._idle if w.shape == shape), None)
                if match is not None:
                    self._idle.remove(match)
                    self._busy.add(match)
                    break
                if len(self._busy) + self._starting + len(self._idle) < self.size or self._idle:
                    if self._idle and len(self._busy) + self._starting + len(self._idle) >= self.size:
                        stale.append(self._idle.pop(0))  # of another shape: make room
                    self._starting += 1
                    match = None
                    break
                self._cond.wait(0.5)
        for w in stale:
            self.stats.replaced += 1
            w.close()
        if match is not None:
            return match
        worker = Worker(shape, self._spawn)
        try:
            worker.start(limits)
        except BaseException:
            worker.close()
            raise
        finally:
            with self._cond:
                self._starting -= 1
                self._cond.notify_all()
        self.stats.started += 1
        if worker.warm_seconds is not None:
            self.stats.warm_seconds.append(worker.warm_seconds)
        with self._cond:
            self._busy.add(worker)
        return worker

    def _release(self, worker: Worker, healthy: bool) -> None:
        with self._cond:
            self._busy.discard(worker)
            if healthy and worker.alive and not self._closed:
                self._idle.append(worker)
                worker = None
            self._cond.notify_all()
        if worker is not None:
            worker.close()

    def _reap(self) -> None:
        while not self._closed:
            time.sleep(min(5.0, self.idle_seconds / 4))
            old: list[Worker] = []
            with self._cond:
                now = time.monotonic()
                for w in list(self._idle):
                    if now - w.last_used > self.idle_seconds or not w.alive:
                        self._idle.remove(w)
                        old.append(w)
            for w in old:
                w.close()

    def warm(self, shape: Shape, limits: Limits, count: int | None = None) -> None:
        """Start workers ahead of their first job (in the background), up to ``count``."""
        def start_one() -> None:
            with contextlib.suppress(Exception):
                self._release(self._acquire(shape, limits), healthy=True)

        with self._cond:
            missing = min(count or self.size, self.size) - len(self._idle) - len(self._busy) - self._starting
        for _ in range(max(0, missing)):
            threading.Thread(target=start_one, daemon=True, name="c2v-pool-warm").start()

    def resize(self, size: int) -> None:
        with self._cond:
            self.size = max(self.size, size)
            self._cond.notify_all()

    def shutdown(self) -> None:
        with self._cond:
            self._closed = True
            workers = [*self._idle, *self._busy]
            self._idle.clear()
            self._cond.notify_all()
        for w in workers:
            w.close()
        self._spawner.shutdown(wait=False)

    def report(self) -> dict:
        with self._cond:
            idle, busy = len(self._idle), len(self._busy)
        warm = sorted(self.stats.warm_seconds)
        return {"size": self.size, "idle": idle, "busy": busy, "started": self.stats.started,
                "jobs": self.stats.jobs, "replaced": self.stats.replaced,
                "retried": self.stats.retried, "idle_seconds": self.idle_seconds,
                "start_seconds_median": warm[len(warm) // 2] if warm else None}

    def job_pids(self) -> list[int]:
        """Host pids of the processes of running jobs (not the workers themselves)."""
        import psutil

        out: set[int] = set()
        with self._cond:
            workers = list(self._busy) + list(self._idle)
        for w in workers:
            for pid in w.pids():
                with contextlib.suppress(psutil.Error):
                    p = psutil.Process(pid)
                    # the worker's own Python (bwrap's command line names the module too)
                    if p.cmdline()[1:3] == ["-m", "code2video_jupyter.sandbox.worker"]:
                        out |= {c.pid for c in p.children(recursive=True)
                                if c.status() != psutil.STATUS_ZOMBIE}
        return sorted(out)

    # --- jobs ---------------------------------------------------------------------------------

    def run(self, request: RenderRequest, limits: Limits, work: Path, layers: Layers, *,
            cancelled: CancelCheck | None = None,
            on_start: Callable[[JobHandle], None] | None = None) -> RenderResult:
        """Render ``request`` in a warm worker; outputs land in ``work`` as a cold render's do."""
        shape = Shape.of(layers, limits, request.tex_cache)
        request = request.model_copy(update={"scene_file": f"{JOB_DIR}/scene.py",
                                             "tex_cache": shape.tex_cache})
        inputs = _inputs(str(work / "scene.py"), request.assets_dir, request.modules)
        request = request.model_copy(update={"assets_dir": None})
        t0 = time.monotonic()
        notes: list[str] = []
        for attempt in (1, 2):
            if cancelled is not None and cancelled():
                return RenderResult(ok=False, killed="cancelled", elapsed=time.monotonic() - t0)
            try:
                worker = self._acquire(shape, limits)
            except WorkerDied as e:
                # the worker could not even start (its imports fail: e.g. a scaffold mid-edit);
                # the caller renders cold, and the render reports the same failure as an error
                raise WorkerUnavailable(str(e)) from e
            job = next(self._jobs)
            self.stats.jobs += 1
            if on_start:
                on_start(JobHandle(worker, job))
            try:
                header, outcome = worker.run(job, request, limits, work, inputs, cancelled)
            except WorkerDied as e:
                killed = worker.killed
                self.stats.replaced += 1
                self._release(worker, healthy=False)
                notes.append(f"worker {worker.id}: {e}")
                if killed or attempt == 2:
                    return self._died(work, killed, notes, time.monotonic() - t0)
                self.stats.retried += 1
                continue
            except BaseException:
                self._release(worker, healthy=False)
                raise
            self._release(worker, healthy=True)
            notes += [*worker.notes, *header.get("notes", [])]
            log = work / "render.log"
            if notes:
                with open(log, "ab") as f:
                    f.write("".join(f"\n[sandbox] {n}" for n in notes).encode())
            code = header.get("returncode")
            result = collect(work, code if isinstance(code, int) else 1, outcome,
                             time.monotonic() - t0, log)
            return result.model_copy(update={"worker": "warm"})
        raise AssertionError("unreachable")

    @staticmethod
    def _died(work: Path, killed: str | None, notes: list[str], elapsed: float) -> RenderResult:
        log = work / "render.log"
        log.write_text("".join(f"[sandbox] {n}\n" for n in notes))
        if killed in ("timeout", "cancelled"):
            return RenderResult(ok=False, killed=killed, elapsed=elapsed, log=str(log), worker="warm")
        err = RenderError(type="RenderProcessError", message=notes[-1] if notes else "the worker died",
                          traceback="")
        return RenderResult(ok=False, error=err, killed="signal", elapsed=elapsed, log=str(log),
                            worker="warm")


_POOL: WorkerPool | None = None
_POOL_LOCK = threading.Lock()


def shared_pool(size: int | None = None) -> WorkerPool:
    """This process's pool, made on first use; a larger ``size`` (``-j``) grows it."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            idle = float(os.environ.get("C2V_WORKER_IDLE_SECONDS", "600"))
            _POOL = WorkerPool(size or len(os.sched_getaffinity(0)), idle_seconds=idle)
            atexit.register(_POOL.shutdown)
        elif size:
            _POOL.resize(size)
        return _POOL


def current_pool() -> WorkerPool | None:
    return _POOL


def warm_enabled() -> bool:
    """Warm workers are on unless ``C2V_WARM_WORKERS=0`` (every render then starts cold)."""
    return os.environ.get("C2V_WARM_WORKERS", "1").strip().lower() not in ("0", "false", "no", "off")


def fits(layers: Layers) -> bool:
    """Whether a warm worker can give these layers: it needs the view and its tmpfs, and keeps
    its jobs' logs bounded itself."""
    return bool(layers.bwrap and layers.disk_cap and layers.bounded_log)


def describe(layers: Layers) -> str:
    """One line for `doctor` and run.json's isolation report."""
    if not warm_enabled():
        return "off: C2V_WARM_WORKERS=0 (every render starts a new sandboxed process)"
    if not fits(layers):
        return "not available: warm workers need the file-system view (bubblewrap)"
    pool = _POOL
    if pool is None:
        return "active (started on the first render: -j workers, each in every layer above)"
    r = pool.report()
    return (f"active: {r['size']} worker(s) at most, {r['started']} started, {r['jobs']} jobs, "
            f"{r['replaced']} replaced; an idle worker ends after {r['idle_seconds']:.0f} s")


def prewarm(layers: Layers, limits: Limits, tex_cache: str | None, jobs: int) -> None:
    """Start ``jobs`` workers in the background (a run does this before narration, so manim's
    import overlaps the speech synthesis); nothing when warm workers are off or cannot be."""
    if not (warm_enabled() and fits(layers)):
        return
    shared_pool(jobs).warm(Shape.of(layers, limits, tex_cache), limits, jobs)
