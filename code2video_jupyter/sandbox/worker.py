"""A warm render worker: a fork server that lives inside the sandbox (the pool starts it in the
same layers as a cold render: view, namespaces, cgroups, unprivileged uid, clean environment).

It imports manim, the scaffold and the fonts once, then waits for jobs on stdin (see frames).
It never runs generated code itself: per job it

1. empties its job folder (a size-limited tmpfs), /tmp and /dev/shm, and unpacks the job's
   inputs (scene.py, its assets) into the folder;
2. forks a child that drops every descriptor of the worker's, becomes the first target of the
   OOM killer, applies the job's limits and runs the scene (``child.run``: render, probe or
   check mode); manim's config is the pristine one the worker imported (a fork's copy);
3. keeps the child's output bounded (head and tail) and, on a "kill" message (timeout, Stop)
   or when the child exits, kills every other process of the sandbox's PID namespace: the
   child's whole tree, whatever it did to escape its process group;
4. sends the outputs back as a tar stream (regular files under the expected names only).

A hostile scene runs as the same uid as the worker, so it can kill the worker (the pool then
replaces it) but not trace or read it: the worker is not dumpable. A job folder that cannot be
emptied ends the worker instead of leaking into the next job.

Run as ``python -m code2video_jupyter.sandbox.worker JOB_DIR``.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import resource
import select
import signal
import stat
import sys
import tarfile
import time
from pathlib import Path

from code2video_jupyter.sandbox import frames
from code2video_jupyter.sandbox.boundedlog import BoundedLog
from code2video_jupyter.sandbox.export import outputs

PR_SET_DUMPABLE = 4


def _not_dumpable() -> None:
    # A process of the same uid may not ptrace this one nor open its /proc files (its pipes).
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def _remove(path: str) -> None:
    """Remove a file or a whole folder, first giving back the permissions the job took away
    (it runs as the worker's uid, so the worker may)."""
    if os.path.isdir(path) and not os.path.islink(path):
        os.chmod(path, 0o700)
        for entry in os.scandir(path):
            _remove(entry.path)
        os.rmdir(path)
    else:
        os.unlink(path)


def _empty(folder: Path) -> None:
    """Remove everything inside ``folder``."""
    for entry in os.scandir(folder):
        _remove(entry.path)


def _writable_tmpfs(job_dir: Path) -> list[str]:
    """Mount points of the view a job could write into besides its folder: the root tmpfs that
    bwrap builds the view on, /tmp, /dev, /dev/shm."""
    out = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            left, _, right = line.partition(" - ")
            fields, rest = left.split(), right.split()
            if (len(fields) > 5 and rest and rest[0] == "tmpfs"
                    and "ro" not in fields[5].split(",") and fields[4] != str(job_dir)):
                out.append(fields[4])
    return out


class Baseline:
    """What the writable parts of the view held before any job (folders bwrap made for its
    mounts, and little else): after each job, anything else is removed and changed modes are
    put back, so no job leaves a file, a folder or a permission for the next one."""

    def __init__(self, job_dir: Path) -> None:
        self.mounts = _writable_tmpfs(job_dir)
        self.entries = dict(self._walk())

    def _walk(self):
        for mount in self.mounts:
            try:
                dev = os.lstat(mount).st_dev
            except OSError:
                continue
            stack = [mount]
            while stack:
                folder = stack.pop()
                try:
                    entries = list(os.scandir(folder))
                except OSError:
                    continue
                for e in entries:
                    st = e.stat(follow_symlinks=False)
                    if st.st_dev != dev:
                        continue  # another mount (a read-only bind, the job's folder)
                    yield e.path, (st.st_mode, st.st_size, st.st_mtime_ns if not stat.S_ISDIR(st.st_mode) else 0)
                    if stat.S_ISDIR(st.st_mode):
                        stack.append(e.path)

    def restore(self) -> None:
        """Raises OSError when something cannot be put back (the worker must then end)."""
        for path, (mode, _, _) in list(self._walk()):  # first: folders readable again
            known = self.entries.get(path)
            if known is not None and known[0] != mode:
                os.chmod(path, stat.S_IMODE(known[0]))
        removed: list[str] = []
        for path, (mode, size, mtime) in sorted(self._walk()):
            if any(path.startswith(r + "/") for r in removed):
                continue
            known = self.entries.get(path)
            if known is None:
                _remove(path)
                removed.append(path)
            elif known[0] != mode:
                os.chmod(path, stat.S_IMODE(known[0]))
            elif not stat.S_ISDIR(mode) and (known[1], known[2]) != (size, mtime):
                raise OSError(f"{path} was changed by a job")


def _others() -> list[int]:
    """Every live process of this PID namespace but its init and this worker: the job's."""
    me, out = os.getpid(), []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) in (1, me):
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != b"Z":  # a zombie is dead already: its parent (init, or this worker) reaps it
            out.append(int(name))
    return out


def kill_all() -> int:
    """SIGKILL the job's processes until none is left (a fork loop races the first pass)."""
    killed = 0
    for _ in range(400):
        pids = _others()
        if not pids:
            return killed
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
                killed += 1
        time.sleep(0.005)
    return killed


def _child(job_dir: Path, request: dict, limits: dict, log_w: int) -> None:
    """In the forked child: only the log pipe and /dev/null stay open; never returns."""
    code = 1
    try:
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(log_w, 1)
        os.dup2(log_w, 2)
        os.closerange(3, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")  # the OOM killer takes the job's processes before the worker
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        from code2video_jupyter.sandbox.child import run

        code = run(job_dir, request, limits)
    except BaseException:  # noqa: BLE001 - reported in the log; the exit code says it failed
        with contextlib.suppress(Exception):
            import traceback

            traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


class Job:
    def __init__(self, job_dir: Path, header: dict, inputs: bytes) -> None:
        self.dir = job_dir
        self.id = header.get("job")
        self.request = header["request"]
        self.limits = header["limits"]
        self.inputs = inputs
        self.killed: str | None = None
        self.log = BoundedLog(Path(os.devnull))

    def prepare(self) -> None:
        with tarfile.open(fileobj=io.BytesIO(self.inputs), mode="r:") as tar:
            tar.extractall(self.dir, filter="data")
        for folder, dirs, files in os.walk(self.dir):
            for name in dirs + files:
                os.chmod(os.path.join(folder, name), 0o755 if name in dirs else 0o644)
        self.request["assets_dir"] = None  # unpacked into ./assets already

    def run(self, control: int, reader: frames.Reader) -> dict:
        log_r, log_w = os.pipe()
        t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.close(log_r)
            _child(self.dir, self.request, self.limits, log_w)
        os.close(log_w)
        pidfd = os.pidfd_open(pid)
        status = None
        usage = None
        watched = [control, log_r, pidfd]
        while status is None:
            ready, _, _ = select.select(watched, [], [])
            if log_r in ready:
                data = os.read(log_r, 1 << 16)
                if data:
                    self.log.feed(data)
                else:
                    watched.remove(log_r)
            if control in ready:
                data = os.read(control, 1 << 16)
                if not data:  # the pool is gone: so is this job
                    kill_all()
                    os._exit(0)
                reader.feed(data)
                while reader.events:
                    kind, header = reader.events.popleft()
                    if kind == "message" and header.get("kill") == self.id:
                        self.killed = str(header.get("reason") or "cancelled")
                        kill_all()
            if pidfd in ready:
                _, status, usage = os.wait4(pid, 0)
        kill_all()  # whatever the job left behind (orphans, setsid'd daemons)
        os.close(pidfd)
        self._drain(log_r, log_r in watched)
        return {"done": self.id, "returncode": _returncode(status), "killed": self.killed,
                "cpu_seconds": usage.ru_utime + usage.ru_stime if usage else None,
                "elapsed": time.monotonic() - t0, "log_cut": self.log.cut}

    def _drain(self, fd: int, open_: bool) -> None:
        deadline = time.monotonic() + 1.0  # the writers are dead: end of file comes at once
        while open_ and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                data = os.read(fd, 1 << 16)
                if not data:
                    break
                self.log.feed(data)
        os.close(fd)

    def send(self, out: int, result: dict) -> None:
        """The result header, then one stream: the log's bytes as a member of the tar."""
        writer = frames.open_stream(out, result)
        with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            log = self.log.kept()
            info = tarfile.TarInfo("render.log")
            info.size = len(log)
            tar.addfile(info, io.BytesIO(log))
            for rel in outputs(str(self.dir)):
                path = self.dir / rel
                with contextlib.suppress(OSError):
                    st = path.lstat()
                    if stat.S_ISREG(st.st_mode):
                        tar.add(str(path), arcname=rel, recursive=False)
        writer.close()


def _returncode(status: int | None) -> int:
    if status is None:
        return -1
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


def main(job_dir: str) -> int:
    _not_dumpable()
    folder = Path(job_dir)
    control, out = sys.stdin.fileno(), os.dup(sys.stdout.fileno())
    # print() of trusted code (manim's warnings at import) must not corrupt the wire
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    t0 = time.monotonic()
    warm = folder / ".warm"
    warm.mkdir(exist_ok=True)
    os.chdir(warm)
    from code2video_jupyter.sandbox.child import warm_up

    warm_up()
    os.chdir(folder)
    _empty(folder)
    baseline = Baseline(folder)
    frames.send(out, {"ready": True, "warm_seconds": time.monotonic() - t0,
                      "python": sys.version.split()[0]})
    reader = frames.Reader()
    while True:
        message = frames.read_message(control, reader)
        if message is None:
            return 0
        header, data = message
        if "request" not in header:
            continue  # a late "kill" for a job that has ended already
        job = Job(folder, header, data)
        try:
            job.prepare()
        except OSError as e:
            frames.send(out, {"done": job.id, "returncode": None, "broken": f"cannot prepare: {e}"})
            return 1
        job.send(out, job.run(control, reader))
        try:
            _empty(folder)
            baseline.restore()
        except (OSError, RecursionError) as e:  # something of the job's is left: never hand it to the next job
            print(f"worker: cannot clean up after a job ({e}); exiting", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
