"""Which isolation layers this machine allows, probed once and reported by `doctor`/run.json.

Layers: resource limits (always), a clean environment (always), a new session (always), network
and PID namespaces via util-linux `unshare` (the PID namespace also hides the parent's
/proc/<pid>/environ, and killing its first process kills every process in it, including
those that called setsid), and a pids cgroup (needed because, as root, RLIMIT_NPROC is not
enforced).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

PIDS_ROOT = Path("/sys/fs/cgroup/pids")  # cgroup v1 pids hierarchy
CGROUP2_ROOT = Path("/sys/fs/cgroup")


@dataclass(frozen=True)
class Layers:
    namespaces: list[str]  # the unshare command prefix, empty if unavailable
    net_isolated: bool
    pid_namespace: bool
    pids_cgroup: str | None  # parent folder for per-render pids cgroups
    runs_as_root: bool

    def report(self) -> dict[str, str]:
        root = os.geteuid() == 0
        return {
            "resource limits (CPU, address space, file size)": "active",
            "process-count limit": "active (pids cgroup)" if self.pids_cgroup
            else ("not enforced: running as root and no writable pids cgroup" if root else "active (RLIMIT_NPROC)"),
            "network cut (network namespace)": "active" if self.net_isolated else "not available on this kernel",
            "PID namespace (hides parent environment, kills all descendants)":
                "active" if self.pid_namespace else "not available: descendants are killed by process tree",
            "clean environment (no API keys)": "active",
            "privileges dropped": "no: the render runs as the calling user"
            + (" (root); the interpreter under /root is not readable by other users" if root else ""),
            "file-system rules (Landlock)": "not used",
        }


def _try(cmd: list[str]) -> bool:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@functools.cache
def probe() -> Layers:
    unshare = shutil.which("unshare")
    root = os.geteuid() == 0
    ns: list[str] = []
    net = pid = False
    if unshare:
        base = [unshare] + ([] if root else ["--user", "--map-root-user"])
        # If the parent dies (even by SIGKILL), the sandbox dies with it: no orphan renders.
        setpriv = shutil.which("setpriv")
        if setpriv and _try([setpriv, "--pdeathsig", "KILL", "--", "true"]):
            base = [setpriv, "--pdeathsig", "KILL", "--", *base]
        full = base + ["--net", "--pid", "--fork", "--mount-proc", "--kill-child"]
        if _try(full + ["true"]):
            ns, net, pid = full, True, True
        elif _try(base + ["--net", "true"]):
            ns, net = base + ["--net"], True
    return Layers(ns, net, pid, _pids_parent(), root)


def _pids_parent() -> str | None:
    for root in (PIDS_ROOT, CGROUP2_ROOT):
        if root == CGROUP2_ROOT and "pids" not in _read(root / "cgroup.controllers"):
            continue
        parent = root / "code2video"
        try:
            parent.mkdir(exist_ok=True)
            if root == CGROUP2_ROOT:
                (root / "cgroup.subtree_control").write_text("+pids")
            probe_dir = parent / f"probe-{uuid.uuid4().hex[:8]}"
            probe_dir.mkdir()
            probe_dir.rmdir()
            return str(parent)
        except OSError:
            continue
    return None


def _read(p: Path) -> str:
    try:
        return p.read_text()
    except OSError:
        return ""


class PidsCgroup:
    """A per-render pids cgroup: caps tasks even for root, and lists every process to kill."""

    def __init__(self, parent: str, max_tasks: int) -> None:
        self.path = Path(parent) / f"render-{uuid.uuid4().hex[:12]}"
        self.path.mkdir()
        (self.path / "pids.max").write_text(str(max_tasks))

    @property
    def procs_file(self) -> str:
        return str(self.path / "cgroup.procs")

    def pids(self) -> list[int]:
        return [int(x) for x in _read(self.path / "cgroup.procs").split()]

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self.path.rmdir()
