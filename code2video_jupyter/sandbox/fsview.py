"""The render's view of the file system, built with bubblewrap (``bwrap``): an allowlist, not a
denylist. The sandbox sees the system read-only (/usr, /etc, TeX's and fontconfig's caches), the
interpreter, the virtual environment and this package read-only at their own paths, the shared
TeX cache and the assets read-only, a private /tmp, and its work folder: a size-limited tmpfs
mounted at the work folder's own path (so paths in result.json mean the same on both sides),
with the scene and request.json bound read-only into it. Nothing else exists in the view: not the
user's home, not the run folder (so no other section), not the notebook's folder.

Why bubblewrap: it works as root (CI) and as an ordinary user (through a user namespace), it is
the tool Flatpak relies on, and besides hiding paths it gives the size-limited tmpfs (the disk
cap) and the PID/network namespaces in one process. Landlock would restrict paths without root
too, but cannot cap what is written nor hide a folder that lies inside an allowed one.

This module only builds argument lists; it writes nothing.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024
TMP_MB = 64  # /tmp: TMPDIR points into the work folder, so little lands here
SHM_MB = 16  # /dev/shm: bwrap's /dev is an unbounded tmpfs otherwise
DATA_DIR_MB = 8  # a folder of the scene's own data files (what manim writes beside an SVG)
# Read-only system trees. /var is not mounted whole: only what TeX (its formats) and fontconfig
# (its caches) read from it.
SYSTEM_TREES = ("/usr", "/etc", "/opt", "/var/lib/texmf", "/var/cache/fontconfig")
# On merged-/usr systems these are symlinks into /usr; elsewhere real folders.
TOP_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


def package_dir() -> Path:
    return Path(__file__).resolve().parents[1]


def python_trees() -> list[Path]:
    """What the child's interpreter needs: the venv, the interpreter it was made from (may live
    under /root, which an unprivileged uid cannot traverse: bound here, it can) and this
    package (a source checkout: only the package folder, not the repository around it)."""
    trees = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    trees.add(Path(os.path.realpath(sys.executable)).parent.parent)
    trees.add(package_dir())
    return sorted(trees, key=lambda p: len(p.parts))


@dataclass
class View:
    """The bwrap arguments of one render's view, built in mount order (a mount comes after the
    mounts of its ancestors). Every host path keeps its own path inside the view."""

    args: list[str] = field(default_factory=list)
    host_trees: list[Path] = field(default_factory=list)  # host folders visible at their path
    made: set[Path] = field(default_factory=set)  # folders bwrap creates (on a tmpfs)

    def shows(self, path: Path) -> bool:
        """Whether ``path`` is visible because a host tree around it is mounted."""
        return any(path == t or path.is_relative_to(t) for t in self.host_trees)

    def _parents(self, path: Path) -> None:
        # Folders bwrap would create on the way get mode 0755 here: its default (0700, owned by
        # root) would stop an unprivileged uid from reaching e.g. /root/.pyenv/... .
        for parent in reversed(path.parents):
            if parent == Path("/") or parent in self.made or self.shows(parent):
                continue
            self.args += ["--perms", "0755", "--dir", str(parent)]
            self.made.add(parent)

    def ro_bind(self, src: Path, dest: Path | None = None) -> None:
        if dest is None:
            if self.shows(src):
                return  # already visible through an ancestor
            dest = src
            self.host_trees.append(src)
        self._parents(dest)
        self.args += ["--ro-bind", str(src), str(dest)]

    def bind(self, path: Path) -> None:
        self._parents(path)
        self.args += ["--bind", str(path), str(path)]
        self.host_trees.append(path)

    def tmpfs(self, dest: Path, size_mb: int, perms: str) -> None:
        self._parents(dest)
        self.args += ["--size", str(size_mb * MB), "--perms", perms, "--tmpfs", str(dest)]
        self.made.add(dest)


def system_view() -> View:
    view = View()
    for top in TOP_LINKS:
        if os.path.islink(top):
            view.args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            view.ro_bind(Path(top))
    for tree in SYSTEM_TREES:
        if os.path.isdir(tree):
            view.ro_bind(Path(tree))
    view.args += ["--proc", "/proc", "--dev", "/dev"]
    view.made |= {Path("/proc"), Path("/dev")}
    view.tmpfs(Path("/dev/shm"), SHM_MB, "1777")
    view.tmpfs(Path("/tmp"), TMP_MB, "1777")
    for tree in python_trees():
        view.ro_bind(tree)
    return view


def namespaces(as_root: bool) -> list[str]:
    """Every namespace but, as root, the user one: a user namespace would map the render's uid
    back to root outside (it would own root's files); the drop to an unprivileged uid is done
    inside instead (see runner). An ordinary user's bwrap needs one and makes it itself."""
    common = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
              "--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    return common if as_root else ["--unshare-user", *common]


def render_view(work: Path, *, disk_mb: int | None, tex_cache: str | None,
                assets: str | None, inputs: tuple[str, ...] = ("scene.py", "request.json"),
                data: tuple[tuple[Path, Path], ...] = ()) -> View:
    """The view of one render whose host folder is ``work``. With ``disk_mb`` the work folder is
    a fresh tmpfs of that size (the parent gets the outputs back through the exporter); with
    None the host folder itself is bound writable (no disk cap: the layer switched off).
    ``data``: (readable copy, path) of each file of the scene's project that it names by its
    own path (RenderRequest.data_files), shown read-only at that path."""
    view = system_view()
    if tex_cache and os.path.isdir(tex_cache):
        view.ro_bind(Path(tex_cache).resolve())
    if disk_mb is None:
        view.bind(work)
    else:
        # 0777: the render may run as another uid than the one that sets the view up; the
        # folder exists only in this sandbox's mount namespace.
        view.tmpfs(work, disk_mb, "0777")
        for name in inputs:
            view.ro_bind(work / name, work / name)
    if assets and os.path.isdir(assets):
        # read-only at its own path; the child links each file into ./assets (manim writes a
        # temporary copy of an SVG beside it, so the folder itself must be writable)
        view.ro_bind(Path(assets).resolve())
    data = tuple((c, p) for c, p in data if not view.shows(p) and not p.is_relative_to(work))
    # manim writes a copy of an SVG beside it (name_.svg): each folder holding such a file is a
    # small tmpfs, writable, gone with the sandbox; shallowest first, before the files go in
    for folder in sorted({p.parent for _, p in data}, key=lambda f: len(f.parts)):
        if folder not in view.made and not work.is_relative_to(folder):
            view.tmpfs(folder, DATA_DIR_MB, "0777")
    for copy, path in data:
        view.ro_bind(copy, path)
    view.args += ["--chdir", str(work)]
    return view
