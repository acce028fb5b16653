"""What comes back from a sandboxed render, cold or warm: its output files (taken only under the
expected names, up to a cap) and the result read from them. Nothing from inside the sandbox is
trusted: a forged result.json could name any file the parent may read."""

from __future__ import annotations

import json
import os
import shutil
import signal
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .request import RenderError, RenderResult

RESULT_FILES = ("result.json", "error.json", "timeline.json", "snapshots.json")
FOLDERS = ("media", "preview")  # the render's files, and the preview's frames


@dataclass
class Outcome:
    """How the render's processes ended, as the parent saw it."""

    killed: str | None = None
    oom_kills: int = 0
    forks_refused: int = 0
    log_cut: int = 0
    peak_tasks: int | None = None


def output_path(work: Path, name: str, extra: tuple[str, ...] = ()) -> Path | None:
    """Where an output named by the sandbox may go: a result file, one of ``extra``, or a file
    under media/ or preview/."""
    p = PurePosixPath(name)
    if p.is_absolute() or ".." in p.parts or not p.parts:
        return None
    if str(p) in RESULT_FILES or str(p) in extra or (p.parts[0] in FOLDERS and len(p.parts) > 1):
        return work.joinpath(*p.parts)
    return None


def receive_outputs(fd: int, work: Path, cap_bytes: int, notes: list[str],
                    extra: tuple[str, ...] = ()) -> None:
    """Write the exporter's tar stream into ``work``: regular files under allowed names only,
    ``cap_bytes`` in all; anything else is refused (and noted). Closing early breaks the
    exporter's pipe, which ends it."""
    total = 0
    with os.fdopen(fd, "rb") as pipe:
        try:
            with tarfile.open(fileobj=pipe, mode="r|") as tar:
                for member in tar:
                    dest = output_path(work, member.name, extra)
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


def inside(work: Path, path: object) -> str | None:
    """A path the sandbox reported, if it is a regular file inside the work folder (a forged
    result.json could name any file the parent may read; the parent would copy it)."""
    if not isinstance(path, str):
        return None
    p = Path(path) if os.path.isabs(path) else work / path
    real = p.resolve()
    if real.is_relative_to(work) and real.is_file() and not p.is_symlink():
        return str(real)
    return None


def collect(work: Path, code: int, box: Outcome, elapsed: float, log: Path) -> RenderResult:
    """The result of a render from its exit code and the files it left in ``work``."""
    killed = box.killed
    caps: list[str] = []
    if box.oom_kills:
        caps.append("memory")
    if box.forks_refused:
        caps.append("processes")
    if box.log_cut:
        caps.append("log")
    result = work / "result.json"
    error = work / "error.json"
    sig = -code if code < 0 else (code - 128 if code > 128 else 0)
    if killed is None and code == 0 and result.exists():
        try:
            data = json.loads(result.read_text())
            video = inside(work, data["video"]) if data.get("video") is not None else None
            timeline = inside(work, data.get("timeline"))
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
        if sig:  # a crash in native code (cairo, pango, numpy) leaves no Python error behind
            name = signal.Signals(sig).name if sig in signal.valid_signals() else f"signal {sig}"
            message = f"the render process crashed ({name}, exit code {code}): see the end of its log"
        else:
            message = f"exit code {code}"
        err = RenderError(type="RenderProcessError", message=message, traceback=tail)
    return RenderResult(ok=False, error=err, killed=killed, exit_code=code, elapsed=elapsed,
                        log=str(log), caps_hit=caps, peak_tasks=box.peak_tasks)
