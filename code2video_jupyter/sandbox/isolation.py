"""Which isolation layers this machine allows, probed once and reported by `doctor`/run.json.

Layers, from the outside in:
- per-render cgroups: ``pids`` caps the tasks of the whole render (as root RLIMIT_NPROC is not
  enforced; for anyone it counts per uid, not per render) and lists every process to kill;
  ``memory`` caps the memory of all its processes together (RLIMIT_AS is per process, so many
  processes multiplied it), the tmpfs work folder included. They are made under the cgroup
  this process is in, so whatever limits the caller stay in force; an ordinary user needs a
  delegated folder there (see ``cgroup_parents``);
- the file-system view and namespaces through bubblewrap (see fsview): read-only system,
  private /tmp, a size-limited work folder; network, PID, IPC and UTS namespaces. Without
  bwrap, util-linux ``unshare`` still gives the network and PID namespaces;
- as root, the render runs as an unprivileged uid (``nobody``) with no capabilities; an
  ordinary user's render has none in its user namespace;
- per-process rlimits, a clean environment, a new session (always); the log kept bounded by
  the parent (see runner).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from . import fsview
from .environment import sandbox_env

CONTROLLERS = ("pids", "memory")


@dataclass(frozen=True)
class Layers:
    runs_as_root: bool
    bwrap: str | None = None  # the file-system view and namespaces, through bubblewrap
    bwrap_note: str = ""  # why there is no view, or which bwrap gives it
    namespaces: tuple[str, ...] = ()  # without bwrap: the `unshare` command prefix
    net_isolated: bool = False
    pid_namespace: bool = False
    pids_cgroup: str | None = None  # folder for per-render cgroups of this controller
    memory_cgroup: str | None = None
    cgroup_note: str = ""
    drop_uid: int | None = None  # as root, the render's uid (and gid: drop_gid)
    drop_gid: int | None = None
    disk_cap: bool = False  # the work folder is a size-limited tmpfs (needs the view)
    bounded_log: bool = True  # the parent keeps the log's head and tail only
    nproc_rlimit: bool = True  # RLIMIT_NPROC, the process cap's fallback without a pids cgroup

    # What tests switch off, one at a time, to show that the attack it stops then escapes.
    # ``drop_privileges`` changes nothing for an ordinary user: there is nothing to drop.
    SWITCHES = ("fs_view", "disk_cap", "process_cap", "memory_cgroup", "drop_privileges",
                "bounded_log")

    def without(self, *layers: str) -> Layers:
        unknown = set(layers) - set(self.SWITCHES)
        if unknown:
            raise ValueError(f"unknown layers: {sorted(unknown)}")
        changes: dict[str, object] = {}
        if "fs_view" in layers:
            # the disk cap and the uid drop live inside the view
            changes.update(bwrap=None, disk_cap=False, drop_uid=None, drop_gid=None,
                           net_isolated=bool(self.namespaces),
                           pid_namespace="--pid" in self.namespaces)
        if "disk_cap" in layers:
            changes["disk_cap"] = False
        if "process_cap" in layers:
            changes.update(pids_cgroup=None, nproc_rlimit=False)
        if "memory_cgroup" in layers:
            changes["memory_cgroup"] = None
        if "drop_privileges" in layers:
            changes.update(drop_uid=None, drop_gid=None)
        if "bounded_log" in layers:
            changes["bounded_log"] = False
        return dataclasses.replace(self, **changes)

    def report(self) -> dict[str, str]:
        """One line per layer; a state that starts with "active" is enforced."""
        root = self.runs_as_root
        if self.pids_cgroup:
            procs = "active (pids cgroup: the whole render's tasks)"
        elif not self.nproc_rlimit:
            procs = "off"
        elif self.drop_uid is not None or not root:
            procs = ("partial: RLIMIT_NPROC only (counts every process of the uid, not of one "
                     f"render; {self.cgroup_note})")
        else:
            procs = f"not enforced: running as root and {self.cgroup_note}"
        if self.drop_uid is not None:
            name = _user_name(self.drop_uid)
            privileges = f"active: the render runs as uid {self.drop_uid} ({name}), no capabilities"
        elif not root:
            privileges = ("active: an ordinary user" + (", no capabilities in its user namespace"
                                                        if self.bwrap else ""))
        else:
            privileges = ("no: the render runs as root"
                          + ("" if self.bwrap else " (needs the file-system view)"))
        view = (f"active ({self.bwrap_note}): system read-only, private /tmp, writable only "
                "the render's work folder; home, run and notebook folders not mounted"
                if self.bwrap else f"not available: {self.bwrap_note}")
        return {
            "file-system view (bubblewrap)": view,
            "disk written (size-limited work folder)":
                "active (a tmpfs of Limits.disk_mb, /tmp and /dev/shm small tmpfs too)"
                if self.disk_cap else "not available: needs the file-system view",
            "memory of the whole render (memory cgroup)":
                "active (memory cgroup: all processes and the work folder together)"
                if self.memory_cgroup else f"not available: {self.cgroup_note}; "
                "only the per-process address-space limit applies",
            "process count of the whole render": procs,
            "log kept bounded (head and tail)": "active" if self.bounded_log else "off",
            "resource limits per process (CPU, address space, file size)": "active",
            "network cut (network namespace)":
                "active" if self.net_isolated else "not available on this kernel",
            "PID namespace (hides parent environment, kills all descendants)":
                "active" if self.pid_namespace
                else "not available: descendants are killed by process tree",
            "clean environment (no API keys)": "active",
            "privileges dropped": privileges,
        }


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return "no name"


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[bool, str]:
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=30, env=env, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as e:
        return False, str(e)
    return p.returncode == 0, p.stderr.decode(errors="replace").strip()[-300:]


def _try(cmd: list[str]) -> bool:
    return _run(cmd)[0]


def drop_ids() -> tuple[int, int]:
    """The unprivileged ids a root runner gives the render: nobody's. Sharing them with other
    services is harmless here: the render sees no other process (PID namespace) and writes
    nothing outside its own tmpfs."""
    try:
        pw = pwd.getpwnam("nobody")
        return pw.pw_uid, pw.pw_gid
    except KeyError:
        return 65534, 65534


def setpriv_drop(uid: int, gid: int) -> list[str]:
    # its real path: it runs inside the view, where a PATH folder of the caller's may not exist
    found = shutil.which("setpriv") or shutil.which("setpriv", path="/usr/bin:/bin")
    setpriv = os.path.realpath(found) if found else "/usr/bin/setpriv"
    return [setpriv, f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--no-new-privs",
            "--inh-caps=-all", "--bounding-set=-all", "--"]


def _probe_bwrap(root: bool) -> tuple[str | None, str, tuple[int, int] | None]:
    """(bwrap, note, ids to drop to): a real sandbox started the way renders start, running
    this interpreter with this package, so a view that cannot reach them is not reported."""
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return None, "bubblewrap (bwrap) is not installed: apt-get install bubblewrap", None
    version = subprocess.run([bwrap, "--version"], capture_output=True, text=True).stdout.strip()
    work = Path("/tmp") / f"c2v-probe-{uuid.uuid4().hex[:8]}"  # exists only in the view
    view = fsview.render_view(work, disk_mb=1, tex_cache=None, assets=None, inputs=())
    check = [sys.executable, "-c", "import code2video_jupyter.quality; open('probe', 'w')"]
    env = sandbox_env(str(work))
    base = [bwrap, *view.args, *fsview.namespaces(root), "--"]
    if root:
        ids = drop_ids()
        ok, err = _run(base + setpriv_drop(*ids) + check, env)
        if ok:
            return bwrap, version, ids
        # the view without the drop is still worth having; say why the drop failed
        ok2, err2 = _run(base + check, env)
        return (bwrap, f"{version}; dropping to uid {ids[0]} failed: {err}", None) if ok2 \
            else (None, f"{version} cannot start a sandbox here: {err2}", None)
    ok, err = _run(base + check, env)
    return (bwrap, version, None) if ok else (None, f"{version} cannot start a sandbox here: {err}", None)


def _unshare_prefix(root: bool) -> tuple[tuple[str, ...], bool, bool]:
    unshare = shutil.which("unshare")
    if not unshare:
        return (), False, False
    base = [unshare] + ([] if root else ["--user", "--map-root-user"])
    # If the parent dies (even by SIGKILL), the sandbox dies with it: no orphan renders.
    setpriv = shutil.which("setpriv")
    if setpriv and _try([setpriv, "--pdeathsig", "KILL", "--", "true"]):
        base = [setpriv, "--pdeathsig", "KILL", "--", *base]
    full = base + ["--net", "--pid", "--fork", "--mount-proc", "--kill-child"]
    if _try(full + ["true"]):
        return tuple(full), True, True
    if _try(base + ["--net", "true"]):
        return (*base, "--net"), True, False
    return (), False, False


@functools.cache
def probe() -> Layers:
    root = os.geteuid() == 0
    bwrap, note, ids = _probe_bwrap(root)
    prefix, net, pid = _unshare_prefix(root)
    parents = cgroup_parents()
    missing = [c for c in CONTROLLERS if c not in parents]
    cgroup_note = (f"no writable {' or '.join(missing)} cgroup (as an ordinary user: ask for "
                   f"a delegated folder, see cgroup_parents)") if missing else ""
    return Layers(
        runs_as_root=root, bwrap=bwrap, bwrap_note=note, namespaces=prefix,
        net_isolated=bool(bwrap) or net, pid_namespace=bool(bwrap) or pid,
        pids_cgroup=parents.get("pids"), memory_cgroup=parents.get("memory"),
        cgroup_note=cgroup_note, drop_uid=ids[0] if ids else None,
        drop_gid=ids[1] if ids else None, disk_cap=bool(bwrap),
    )


# --- cgroups ----------------------------------------------------------------------------------

def _read(p: Path) -> str:
    try:
        return p.read_text()
    except OSError:
        return ""


def _hierarchies() -> dict[str, Path]:
    """controller -> the folder of this process's own cgroup for it (v1: one hierarchy per
    controller; v2: the unified one, if it offers the controller)."""
    own: dict[str, str] = {}
    for line in _read(Path("/proc/self/cgroup")).splitlines():
        _, ctrls, path = line.split(":", 2)
        for c in ctrls.split(",") if ctrls else [""]:
            own[c] = path
    found: dict[str, Path] = {}
    for line in _read(Path("/proc/self/mountinfo")).splitlines():
        left, _, right = line.partition(" - ")
        fields, rfields = left.split(), right.split()
        if len(fields) < 5 or len(rfields) < 3:
            continue
        mroot, mpoint, fstype, opts = fields[3], fields[4], rfields[0], rfields[2].split(",")
        if fstype == "cgroup":
            keys = [c for c in CONTROLLERS if c in opts and c in own]
        elif fstype == "cgroup2" and "" in own:
            offered = _read(Path(mpoint) / "cgroup.controllers").split()
            keys = [c for c in CONTROLLERS if c in offered and c not in found]
        else:
            continue
        for c in keys:
            path = own[c] if fstype == "cgroup" else own[""]
            rel = os.path.relpath(path, mroot) if path.startswith(mroot) else None
            if rel is not None:
                found[c] = Path(mpoint) / ("" if rel == "." else rel)
    return found


def delegated_name(uid: int | None = None) -> str:
    uid = os.geteuid() if uid is None else uid
    return "code2video" if uid == 0 else f"code2video-{uid}"


def cgroup_parents(uid: int | None = None, *, create: bool = True) -> dict[str, str]:
    """controller -> the folder in which renders get their cgroups: ``code2video`` (root) or
    ``code2video-UID`` inside the cgroup this process is in, so the caller's own limits keep
    applying. Root creates it; for an ordinary user an administrator delegates it once
    (``mkdir`` and ``chown UID`` it, as systemd does for a user's session on cgroup v2); on
    cgroup v2 a folder inside a cgroup that holds processes cannot take controllers, so root
    uses one at the top and an ordinary user's goes beside its own cgroup."""
    uid = os.geteuid() if uid is None else uid
    out: dict[str, str] = {}
    for controller, own in _hierarchies().items():
        v2 = (own / "cgroup.subtree_control").exists() or (own / "cgroup.controllers").exists()
        if v2:
            mount = own
            while (mount.parent / "cgroup.controllers").exists() and mount != mount.parent:
                mount = mount.parent
            base = mount if uid == 0 else own.parent
            parent = base / delegated_name(uid)
        else:
            parent = own / delegated_name(uid)
        if create and not parent.is_dir():
            with contextlib.suppress(OSError):
                parent.mkdir()
        if v2:
            for folder in (parent.parent, parent):
                with contextlib.suppress(OSError):
                    (folder / "cgroup.subtree_control").write_text(f"+{controller}")
        if parent.is_dir() and os.access(parent, os.W_OK) and _usable(parent, controller):
            out[controller] = str(parent)
    return out


def _usable(parent: Path, controller: str) -> bool:
    try:
        probe_dir = parent / f"probe-{uuid.uuid4().hex[:8]}"
        probe_dir.mkdir()
    except OSError:
        return False
    try:
        return (probe_dir / ("pids.max" if controller == "pids" else "memory.max")).exists() \
            or (probe_dir / "memory.limit_in_bytes").exists()
    finally:
        with contextlib.suppress(OSError):
            probe_dir.rmdir()


class RenderCgroup:
    """The cgroups of one render (one folder per hierarchy): they cap its tasks and memory as a
    whole, list every process to kill, and tell afterwards which cap it ran into."""

    def __init__(self, pids_parent: str | None, memory_parent: str | None, *,
                 max_tasks: int, memory_bytes: int) -> None:
        name = f"render-{uuid.uuid4().hex[:12]}"
        self.pids: Path | None = None
        self.memory: Path | None = None
        self.made: list[Path] = []
        try:
            if pids_parent:
                self.pids = self._make(Path(pids_parent) / name)
                (self.pids / "pids.max").write_text(str(max_tasks))
            if memory_parent:
                self.memory = self._make(Path(memory_parent) / name)
                self._limit_memory(self.memory, memory_bytes)
        except OSError:
            self.remove()
            raise

    def set_limits(self, max_tasks: int, memory_bytes: int) -> None:
        """New caps for the next job of a warm worker (its jobs may ask for other limits)."""
        with contextlib.suppress(OSError):
            if self.pids:
                (self.pids / "pids.max").write_text(str(max_tasks))
            if self.memory:
                self._limit_memory(self.memory, memory_bytes)

    def _make(self, path: Path) -> Path:
        if path not in self.made:
            path.mkdir()
            self.made.append(path)
        return path

    @staticmethod
    def _limit_memory(path: Path, limit: int) -> None:
        if (path / "memory.max").exists():  # v2; no swap, or a bomb would just swap
            (path / "memory.max").write_text(str(limit))
            with contextlib.suppress(OSError):
                (path / "memory.swap.max").write_text("0")
            return
        (path / "memory.limit_in_bytes").write_text(str(limit))
        with contextlib.suppress(OSError):  # absent without swap accounting
            (path / "memory.memsw.limit_in_bytes").write_text(str(limit))

    @property
    def procs_files(self) -> list[str]:
        return [str(p / "cgroup.procs") for p in self.made]

    def tasks(self) -> list[int]:
        pids: set[int] = set()
        for p in self.made:
            pids |= {int(x) for x in _read(p / "cgroup.procs").split()}
        return sorted(pids)

    def kill_all(self, rounds: int = 50) -> None:
        """SIGKILL every task in the cgroups until none is left (a fork loop races a pass)."""
        for _ in range(rounds):
            pids = self.tasks()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.02)

    def _counter(self, path: Path | None, file: str, key: str) -> int:
        if path is None:
            return 0
        for line in _read(path / file).splitlines():
            k, _, v = line.partition(" ")
            if k == key:
                return int(v)
        return 0

    def oom_kills(self) -> int:
        if self.memory is None:
            return 0
        return max(self._counter(self.memory, "memory.events", "oom_kill"),
                   self._counter(self.memory, "memory.oom_control", "oom_kill"))

    def forks_refused(self) -> int:
        return self._counter(self.pids, "pids.events", "max")

    def peak_tasks(self) -> int | None:
        text = _read(self.pids / "pids.peak").strip() if self.pids else ""
        return int(text) if text.isdigit() else None

    def remove(self) -> None:
        for p in self.made:
            with contextlib.suppress(OSError):
                p.rmdir()
