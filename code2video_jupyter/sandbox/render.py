"""One sandboxed render: in a warm worker when this machine's layers allow it (sandbox.pool),
else in a new sandboxed process (sandbox.runner). Both leave the same files and result."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from . import pool
from .isolation import Layers, probe
from .request import Limits, RenderRequest, RenderResult
from .runner import CancelCheck, render_cold


class Killable(Protocol):
    def kill(self, reason: str) -> None: ...


def render_in_sandbox(
    request: RenderRequest,
    limits: Limits | None = None,
    *,
    cancelled: CancelCheck | None = None,
    on_start: Callable[[Killable], None] | None = None,
    keep_workdir: str | None = None,
    layers: Layers | None = None,
    warm: bool | None = None,
) -> RenderResult:
    """Render ``request.scene_file`` in the sandbox. Outputs (video, timeline, log) are left in
    a new folder whose paths the result gives; the caller moves them where they belong.
    ``layers`` defaults to every layer this machine allows (tests switch single ones off);
    ``warm`` None uses a warm worker where one can give those layers (C2V_WARM_WORKERS=0 turns
    them off), False always starts a new process."""
    limits = limits or Limits()
    layers = layers or probe()
    work = Path(keep_workdir or tempfile.mkdtemp(prefix="c2v-render-"))
    work.mkdir(parents=True, exist_ok=True)
    work = work.resolve()  # a cold render's view mounts it at this path: the same on both sides
    shutil.copyfile(request.scene_file, work / "scene.py")
    if request.modules_dir:
        request = request.model_copy(update={"modules": _copy_modules(Path(request.modules_dir), work),
                                             "modules_dir": None})
    if warm is not False and not request.data_files and pool.warm_enabled() and pool.fits(layers):
        with contextlib.suppress(pool.WorkerUnavailable):
            return pool.shared_pool().run(request, limits, work, layers, cancelled=cancelled,
                                          on_start=on_start)
    return render_cold(request, limits, work, layers, cancelled=cancelled, on_start=on_start)


def _copy_modules(folder: Path, work: Path) -> list[str]:
    """The scene's own modules copied beside it: their paths in the work folder."""
    copied = []
    for path in sorted(folder.rglob("*.py")):
        rel = path.relative_to(folder).as_posix()
        if rel == "scene.py":  # never over the scene (repair/project.py refuses that name)
            continue
        target = work / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        copied.append(rel)
    return copied


def isolation_report() -> dict[str, str]:
    """Every layer of this machine's sandbox, and the warm workers (`doctor`, run.json)."""
    layers = probe()
    return {**layers.report(), "warm render workers (fork server)": pool.describe(layers)}
